from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "nomination" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(10) NOT NULL,
    "outcome" VARCHAR(12) NOT NULL,
    "pushed_at" TIMESTAMPTZ,
    "push_outcome" VARCHAR(20) NOT NULL,
    "answered_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT REFERENCES "agency" ("id") ON DELETE SET NULL,
    "member_id" INT NOT NULL REFERENCES "member" ("id") ON DELETE CASCADE,
    "nominated_by_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL,
    "registration_id" INT REFERENCES "registration" ("id") ON DELETE SET NULL,
    "session_id" INT NOT NULL REFERENCES "session" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_nomination_member__e34016" UNIQUE ("member_id", "session_id")
);
CREATE INDEX IF NOT EXISTS "idx_nomination_agency__efa603" ON "nomination" ("agency_id", "status");
COMMENT ON COLUMN "nomination"."status" IS 'pending: pending\naccepted: accepted\ndeclined: declined';
        ALTER TABLE "agency" ADD "parent_id" INT;
        ALTER TABLE "staff_user" ADD "agency_id" INT;
        ALTER TABLE "staff_user" ALTER COLUMN "role" TYPE VARCHAR(20) USING "role"::VARCHAR(20);
        COMMENT ON COLUMN "staff_user"."role" IS 'admin: admin\ntrainer: trainer\ncoordinator: coordinator';
        ALTER TABLE "agency" ADD CONSTRAINT "fk_agency_agency_39482233" FOREIGN KEY ("parent_id") REFERENCES "agency" ("id") ON DELETE SET NULL;
        ALTER TABLE "staff_user" ADD CONSTRAINT "fk_staff_us_agency_cc087d93" FOREIGN KEY ("agency_id") REFERENCES "agency" ("id") ON DELETE SET NULL;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "staff_user" DROP CONSTRAINT IF EXISTS "fk_staff_us_agency_cc087d93";
        ALTER TABLE "agency" DROP CONSTRAINT IF EXISTS "fk_agency_agency_39482233";
        ALTER TABLE "agency" DROP COLUMN "parent_id";
        ALTER TABLE "staff_user" DROP COLUMN "agency_id";
        COMMENT ON COLUMN "staff_user"."role" IS 'admin: admin\ntrainer: trainer';
        ALTER TABLE "staff_user" ALTER COLUMN "role" TYPE VARCHAR(10) USING "role"::VARCHAR(10);
        DROP TABLE IF EXISTS "nomination";"""


MODELS_STATE = (
    "eJztXWtz2zbW/isYfVlnXjVjy5e03p2dsRM3ddexO47ytrtVh4VIyOKYIhkStKPp5r8vAN"
    "5JkCIoUqYQfJFlEgekHtzO/fw1WjkGsvzXFw/I1tejc/DXyIYrRL4U7ozBCLpuep1ewHBu"
    "saYwbTP3sQd1TK4uoOUjcslAvu6ZLjYdm1y1A8uiFx2dNDTth/RSYJufA6Rh5wHhJfLIjd"
    "//IJdN20BfkB//6z5qCxNZRu5VTYM+m13X8Npl165t/CNrSJ8213THClZ22thd46VjJ61N"
    "G9Or5HcgD2JEu8deQF+fvl30O+NfFL5p2iR8xQyNgRYwsHDm58619NpI027vptrHq6mmjQ"
    "QA0h2bgkte1We//oG+wneTo5M3J98fn518T5qw10yuvPkaPjoFJiRk8NxOR1/ZfYhh2IJh"
    "nILK/pZgfbuEHh/XuH0BWfLKRWRjHIcL7Qp+0SxkP+AlxfP0tAbI/7+4f/vTxf0BafWKPt"
    "Ih0z9cFbfRrUl4j6KdousvHQ9rohjnqbpBOr6QQp2u3ATX0U6QPjo8bIA0aVWJNLuXR3pl"
    "2iZ55FoE5yyNdCj3Mp+hZUIf+WWQp+hLxUacIZEA4xpIp1e/TWnPK9//bGWRPPhw8RsDeb"
    "WO7tzc3b6Pm2eQf3tzd1kA3IUesrEmdPTlaDafgBzMo11YCPKBn4GUq1g8co/AEK8ywD86"
    "HjIf7H+hNcP5mrwTtHXenlxiovYL36/xDIqvpq/oweeEE8tPLPLzyY9GmAFA3gDcfrq5GT"
    "Gc51B/fIaeoVUA7gdzjfx2zNlHLiPSH/91jyzIfsg3A3f+PEOrOfK2ROgD60RShGyHnN8M"
    "gC1Ruk06khQp3XE8g/5EZ9sJ9RHDxeKTL9WcojuWM3EyO1VuDyvfWk1WxSvQJsKxET2bPi"
    "neolxz6jwie8QTueN741qh2zWJsBw3U3L3PvEc48HK3QOSU3qRBtmK0ZbQX4pgnKeSTsNx"
    "dtIA6LOTSpzprYJ04qGF+UUE4pRCvok8aTKPJ9XTeFKEV/cQhUKDHOHkHbmDzRXiw5ynLE"
    "BtRKSv4y99Ad/nzCY/0LizrXXK71TK5dcfrj5OLz78khPO311Mr+idSU4wj68enBWGKekE"
    "/Ho9/QnQf8F/7m6vGLyOjx889sS03fQ/I/pOMMCOZjvPGjQyiz++GqOWG3UL+lgL/FbjXq"
    "TtYOSHycYNfaBjTGpH2kNP5MRpM855SjXKQx5lshw9MQVehqKV+m5wm3W/+rsgkke31N6J"
    "yLZDQ7ipBi8zs3L6u7cXH99evLuqU9/1KiYHholvnIcRT0yO741rxWTaSrOiZkpM3qelPa"
    "4Rk8WPxl2yvDtFWl6OlyxVh7ODV0uRCcHuhMidSem96EMIYJFeVwBiviZYYVylc4IeOTRC"
    "nASALpBJpxY5bQL1aTXSp1VA887bjTBzz939B7mXCW0gDE2LYzH6+ePdLR/lDEnxBDZ1DP"
    "4LLNPvTYIZ/WMR2GzbAvPAtLBp+6/pY//Z1xjUQE4hyp2+JWeQot9H4VilHVzy5J6X4dAv"
    "PQcaOvTxiMOipzdrefR5rpni0WXh0bGJLbEjLyaQbh+eNNqHJzX78ITDvBHZFkWqi6YbcZ"
    "ZG7cSd7MR57xzfJxul0NmYpRnGkNDnSTMkAeHveF58l45jIWhXaFoTosKIzAlVX0ORXNkt"
    "6pd3dzc51C+viw6onz5cXhE2kQ0BaWSGysH4BMg48GGIA87kp1v+lR2sShrXvHt7Qt3X/l"
    "86XUe+vkRGYCFDcLqnhOcg+TqzfWQbZBjItfDLzNadlUu1qaRd8pVcpQBYjDr5OmrF3zdi"
    "72u4++Kh4iECnt/OulykVfanIduf6BTV4ALzjCT145ynlE+lKtMoxx4fc6EImDyVdOx4L2"
    "oR5ZVTjb68NgrCtHjtRj1Pqc7KIe+iCxoRuGw1zAVSNc5DHueEGW+zixdo1UgPeaSxg6Gl"
    "eUg3XRPZvJCzSv0vj3R3/liHfZ3RnWiDMz7gFrRt8kDNcGyOirJW/VKiVVqYDVoYAXNQOk"
    "RziPUlT1kpEvqVGHkuaW97yJy+SABYAbU641mCawMLmjZPGm+yo40+uQA74PTwEKRbGXAW"
    "gCw5kHQ4BmwtIgMcPJt4CUzSxkPYW4NHtH4F5mjheIhcBaZPdV74dVGL1eNjOPa+3/PGRB"
    "99Hv1RsAEWm4RKxz+ETIOX5sO3Yh38YTI5Pn4zOTw++/705M2b0+8Pk4OhfKvuhLi8fk+3"
    "qtyWttmGSEew+ckctVbO0ZzzmC0njSwnET1Qjki6wLfjswZaoOMil5oqgeitgrEp9KMWsv"
    "9laZT9r3P7XysW/6WY+z3aT1hIWZiNQiyKpUyo8N1DWypnK3FDo6fgzhGTnQM3NppSFo/Z"
    "UPHMXkCT2UnDv0M2nUKM0coV2meyJEqFwN1ilhi7WtViqN9kCqQq5VUZYifAuiOWcSJDIp"
    "1hcNLMTa/GS6/Cn0LQKz1PJR3M3WecQJ4nFiqUEEgH7mkj4/ZpjXH7tGzcpmdxGxtnSqbM"
    "IUM2h6QaRCFevkimOPnNYek59WMeZ+HY9FyExZ7B3DQ2vTjHhhSg/hZ52FyYOmRvU9LhZ2"
    "+P6xT4eqGhCoLZp8U+rlFgE0l9zvOwrMnollBIp3A9acKZnFQzJidlp7sl0h8JeIaQCJOn"
    "ko4DPGqi1z6q1msflfTa9K9GMCrsU42nNJ9cwgjyXrKrL52Al6D1HdLNFbT4kCc0Rb47JH"
    "odEe8h4DX4vrt6e/3h4ubgbFz0kshuLnlwTd8PWvl75QgldNqVSbxRGdW+nVHWPAR9saQm"
    "JULpWIJeziU3aOkTnSNUa2rIa0qnfAQS0wrlaJRKiGN2aWM3VybzjSZz5PvkFcRgzRMpXL"
    "muYw+0HhZzBBYDl0PZDcJ7rzOqURCvEF9lJKwdblzmZWgTuKlqOLcl8vXC5bOsA2DfJh1J"
    "CmzuBM8Be084ivvrt9MRb+ftANqPaU+SYps/cCrAFTFn8Dfq8ljc2WjqkI+GI3Ff6Gyvtu"
    "img8E5oBrYl7qyGd0H1ia7EWsybmg70ry49cboj1+XEAMIsr8f2AgZPlg4HrmR6fXvINwO"
    "fEBjM5yA0TnPIPARoA5sZIAN8H/g5ghA239GHjLKUSD9P04ZvoZl+KIuTKaHtHDIIDdPWW"
    "0QIL+DHUYCxqOxV4GARd8ziqB11BL6kFBB3gLyiUY1MW1xT6lV5KsA+gNRVu39vi4QTVzH"
    "jlbJW4KMaHtpay9Y0GpZq1/m8yP1MabA1zOgSbPGTKifpdjIiN5AH4PQ5wUsIWPuKM/nkn"
    "8vA8NYEn7xOzLoYI2gBw7ubt9dfTc5Pfvhu8PDw6PJ8asyq9lFh1swk7Rbbc6Z9ZU7UIZC"
    "sZWb2EoW2GE7AvBmKFSIzda7ez9bkfnAqhCvN+1FSbvmm1GOpIFY7ABK4gOy7rNSKctZAI"
    "HrOU+mgby/+YmUejALDtGRTj+Pf6CfJ+xzcko/D9+wu+zK8YRdP3pFoCA/cQwIj2fSB4+J"
    "JAsc9g7QAuEbBx7iCNHDebmZba7IuL4GU/IqVDxneRse0RrMyCFmoNmI5mqguyt5G+eZdE"
    "PLDzJpP35N+jMgJnv0EwK2Y6PXM3tm0+5Yz+Dgl9v3gDT/+Zer9+QlMFgRlhgcHx6Cx0vy"
    "TgZNqn0I3C/kh/uku1f0eY/IxcC0GT50C5lDn7wdpHs4fZgNAvJq3sx+dzG90N5d35+DZz"
    "SnL6Qjn8IFPQRowBg5gn2fPWQF18ALCAI28NET2Scscklfmjbyx+wx4cvSvBQrSFdsmKSC"
    "LhEarRi4ITCUlGw+ZCABma2Idf3smVS0jd/XJ7CTrRraflhjBUCf5cFgJawAsrG3VoqOAZ"
    "5IgikVZE2m0L1vryqF3avzTrS/iyCcpZHQebeXyDl2PnD0QKYNvXXFzhuTFJU/axxm65LG"
    "HeoySuKR6H4IkpfXtxf3/05SfiTuUDd3t+8vOUk/Lv89vbrggR7iJjC981TybSOdBzcHrt"
    "Ey5XGeUkLv6T1NeczxCYzePnNyRPy7mJ61QNVJMoa95ys7UrTG2G6tav0l09E+jUVTXWth"
    "EvaubXVsIvf5zNz9ISzzM+JpODjNxrUKjgyBtspQbNRvXICoOZU6Ibi5vr0COpHCCYHnrJ"
    "gcSvORgYMZGcnZ6FUo484dTK84ASaXqEzu05rY9BL7Qi6W1bC9PmmzDPz7yCIyupYpbE2O"
    "GrEsj0oy3lZXWxiBpnxYkW5n5YB2Jml0nwDFMD0kXMw3RySjQNdEnKsW5koFZtEXDqM7JV"
    "f58MbtpUC2joG9+m2a411LeRtzQlzcvJjMsZhNTVSmULLEsGSJhuVTFovqM6I6aqNIp5K7"
    "bYwrSDErAy3up007++S3EhWGsZNtdtQuzrGcuEDeAtx+url5sdQzoVcMV5yI/WXqJIikjc"
    "o1s0/ru47fFk6D0mkCFKltUaw0tYaXIvBmaaRgAXdgLQkxQ0JSTJZGOqV9Lyhn36wEdLU8"
    "UyCTAOtdCzUqk0+PmXwImwNJqwpvjM0507P0Q96vCR9KNWTnIPw7swmqBBz6P/07s5fruW"
    "ca5yD8W9TMNtl1uk+OvkAc1qR23kcULzPr+/LfbDDljw7Hk8ZzPnUCpKYAnl9sDfvHoZVg"
    "T99Fqd8QOUREOM4BSrVUtYgndHW6qr2Vq7lz+2J6VTtz0RfX9Hil6DaCWe7gW0Z16FVDSj"
    "LhiDq7PiHBzSCiOgfh35lteHCBzwH7M7M9MuAerRASfRnGEegj6OlLTdSKUCCTYIfeNdet"
    "KrNXz3l5TQvKOU22UR+2c9rgBrlfa1K1z5mwLUnA62xoIHfheNYk6w+Pb962cnOhOoEkyP"
    "PyUm0JlHw5qcRqW3MnX5JriI9r7HgqNA3jZEd7KaHxQc5bdDOGDsc1dc68/ADt9dShnw03"
    "zyntaO/sdTX7JvtdWsGmnfxKj84nwpvlc0yEQDoem7w0wi5GONpvk4kd3cvlXMBLzwkelp"
    "nrOH4a10GYXNdKYOe3nUfTsjRI80l3MMIfaW8XpDPpRzn3S5uPNIObot1utNPR2mLIMfQe"
    "ENYeSOduJ8ua9feedif9sBd+q8ASZ4QM85YLPTNqgoNf65zzE7QN54m5xJTcc5J74zoHnW"
    "W2VQO3fuZLD/3HKMYe0nwnvmOfJ171ZMKtffA5MBFmLcj1FQhsbFqRjz2BHdFweZZbIBNg"
    "wHPt7/lpyrFoWI5FypF/d478bapXSFu2op9apntnI3Hc0LtJyEmA0JwD+kntIWyzZQaR8N"
    "swLCL07VppaHOESkE7FAVtE7V8PANb1WLKkarCMcPRw9eM83wtWjOiSKhiOzZq4zOgdaCQ"
    "/waCO8qzbFDRHVHpDo74mBb1qBYe0woiKrpjr1b4eKhC2KCyPfQfS+27FlxrognIinTSiW"
    "O9JCIjG6CtryvcoqrBLpAprOVK+rbXKFNjP7fgRQ3KGZpOduiX5nf798J2FgtTN6GlsQAw"
    "EbDLlNJN7LMmgJ9V431WDffC9GhGbcHDsYJcOuD7nephMvO20OeoFfJCyNMLbTSVHHqluB"
    "qy4io/YrQkD/Lb+RHX96RmwZBnAf1pyMZtYgZylGqU92GUqfuBoFjEIZXuRO0+Y3Aa7VVw"
    "G60ri5YSqVJ0AsXQVNTTN2heVVFPso16k6in0HDVZtTzlIpbGc4gl9d2pPIWsq7laJQhvX"
    "xMZl2ABS1rHFL5VLfd5FKrcV0IZ2gZd2GvhYuko/3Cu6nLQm4pV3grVM3sDuAVi0jYU4w5"
    "S1rYL0TFaraK1bSdlWkzGLbE6jbpSFaoPPRg0tsdgHWf6UpWuPzAe0Jk47SfzK0X4kfW1z"
    "XrSnK8PLSib8lLWCiO2H3UmfSY+S5VDHaEWdiZTJj16TSZ2fg5jpP5Y6HaedLOt+vUgfL3"
    "jGtmlJsgLEqTq1yTcsRRsImqW7NTT8uhBwhx7AEusg0KmRjiMdk5iL7MbKjryMU0VCj+Ni"
    "PP1akTKbkWfxs1G6e+w4cCrDuCrhApiXTWmqNJE4An1QBPSo5sgb9spVXMESql4pCVinSo"
    "tBYrqUgn3XLqwfhp+8/Ia7WgCqRqSQ15SSnL6zcxzMoc04M5JpSPxEDN0ajcjRxUI5m2RT"
    "Quh1JN2zLAWY2saLhziVIBXAY40pYIVgnMEamdYXMceaqe2tJamIYp7xnATS2FuUOHX0ic"
    "M387QFa+bKRFaPPLdjO2yoOgIbCiHgTZw7+LmSt/WgkOu9QAZ69ghN0SZ0Gb7p5CzWGcBp"
    "XCI8lqzrFFZTOeV1uisinWVSKPvWKxxjXmJdHwzW4DNgeUuaOX4HsWaydWQDRDIp8Wuw+M"
    "yRMx2Ys0tIKmJYJ0iVDhLYK3S7ASrPBcIJQO79NmCUJr8oNy3ZMbeXdm8lK3d+xMCrFLIs"
    "zlpV7K8W8HkIRCQxfVN3wiEUDseBy5bKsSHB+z/UoEtwDjnhOfOMx7UbyqZuCLcl2vTPzv"
    "WR1T7Dg2BjmXM+VOptzJSou0A6yjmY6iopvx95n9DE1s0f/I9fT7zNbpb7Usejn5OiMbD0"
    "bktajzWfSNtHRWLgtRJC3jr6MWjEL33lFhWDqrNCHAkuWpZEvG2E20WFk31tJtpkSsHGeG"
    "7FGR7hAtxrpErMZ6yGPtes7KaTfSBVI1zkMe5+R4b+MOV6BVIz3kkY55tjburXlSNc5DHu"
    "eEDW+VHC1Pq0Z60COtHJkrxZ79TCakUkh9i6POWewlVb1yvB4pt9VB46rcVpXb6pChbeK2"
    "2sSu/DKJcIbJRtebl9ETos23Ailrzbui/Uk0Q4eSBWdf5tb2dvlqWFtZ4yXDtqURPlyWGy"
    "zxydptZo7XUNJ+Y3X1X5cQgyXplxadBdgBEGS7AtA2wPPSAYZpABODg9TqNM4YPccg1luP"
    "U5vn69evX5ULrO/igU0cCnL+C8prYKdeA4/kZ4nYleP2u/Pw252fcB9p6B2OuFBrtQ8JpH"
    "Og7KVqThsLgFIZDUll1KyU90sHPQ9usPuu8vyScWJDA7urQLEGwnmfcWKxYoTD32Z0JtVc"
    "bUZFs5mVJQII8AIbHMyCQzQ5pp/H39PPE/Z59MMr4CwIuxn6tpc50xb03DSIeuL2bjucDI"
    "jpbTKHPazR/V8xoDsOU3MEQA0bqz2cZwJIZzCXJ6qwAeSo6viibiDe5cytgY+yNQX8kG0I"
    "o5el6R+7ofgXcMAbaCnil3NQ7qdIqE2zonJ0f3VVzVKiHVY1S67sbVmzJ2QHQtM5IZBOdD"
    "9tNJdPa+byaXku69CFuok5MQ2Vh3+WRLEAXC8AiH0Nw0deXHqNG0COanfIHu4JrDnBznER"
    "z15azSPwqbfkFoZpjWnILOQQ0S2HG9zcENCU/FtGdOihf5yji64EweOL0ZwD+smP7CuqEZ"
    "oxao34NIF08cqbtRp6eZXUoSpJTD2do1EcDa9qIu1a1F00T6SynG7U96dq0C01/dJlGRkX"
    "dPy5FbvZrTGaiR0gK2F6kiK2+WWryiGqcogDg0qVQ2zjCGqYvguxvuzGF/Rd1JtMoPVq9X"
    "00LeuCsN0jnt03uTmutfzSZhqM271IhlCdvJaINjZuL10yy64yn9TnDdXwUgTtDImUfoHN"
    "HAPrPANLWgKVP7R/jHXCZQtay2ISZSsTsJX5joc1xzN4kk612SFHpKwORVAXHvny7HiP2h"
    "Py+MFx1VsFl1jCTaMLh+2SYqQ3/7wGOV0/QHs9dehn7yqXF2VqapQC7IdpBVY1/ZkelRSQ"
    "kTRIudMQTsdjY0ET3xUVNslARTcZKaWM7uOl5wQPywxdnvXlKnzIda3oz/e1nidPdDk8nj"
    "yr6KnhyWkzLfBV1v4dT9y+3SHpkIpm7s/SSCfw9OJJRZUSFlxrokgX6eQ7UvvIK+8Rhrut"
    "cTqmHbJcOYLGyrTPAfszsyNFNl007AtNLksYXZMlvKbpZZN/2hisu49Sc6HvE17R0JbQFx"
    "L7S4Q9uXG+pOzfx3qgDpns7ObaNavxLtLJltX37KQB1mcnlVDTW7zcyYI6gJRoh1qAGPW9"
    "VQIot5fqWS6v24sqTt2D6icuyCYGa4FKAbvR7yVb+G5L/4xspb39wripe0ZhejUoN6nqpT"
    "aEtkm91CaOL9h55Dqni5jZL1xz6kShAHt2zDbySiB3qUo89B5fId8n4G9dWyvt8kPYozxz"
    "teABQ7hmH1GBzzYc+qO3Q+6nqBtJ4VIZ9hr7CoXJBbZ1EWqc+3EvMXphf6p9waxXd6o8aD"
    "z7TQnWGiNOfkQbWXJYaoyQEPjIxjRtG16iuJIV8mliDIe2CRcDP7eGaAeCZeEwWrmWyqWx"
    "c+ORu4Q8P/5mmvaEeLhGDXKi2ugczGzXI3/IB/nm+Jh8JZ9tlOlNlLvVqt2SYheS91uvHF"
    "4oXr3GMUunXI8EtI4GggY/KUK9zjFLJ6HGcU80jDEmG9K/rSiKnmbANWdh/fzx7rYqULhA"
    "WBxoU8fgv4BmMe1tg/vHIrB1lkx1HpgWNm3/NX3eP/uy5tYMPAUqN+bxRnbw4eK34h739u"
    "busjiYtIPL0vozAle4OGWeSjYzVi8eC8q88k1sdvFgzQVtKiU6pf5XVVJ2FqUdiXuCYdp5"
    "KoXsZoOVKpPSbZkU3iTuAlymXZlmOpQU48ISzoF8T87C++u301HF+dYFzvIHxZfO9S3Mgy"
    "9RkmVfZjZX4uwEqvuoM3nB8l3SoJt5dR91JhNY/dsjotVYaY1IV+tGW4SZNt1oibgAYZU3"
    "AP3HqH6M7T/T/0Fs0gAHYQ0ZZjVgZoab69sr4Ab+EjxT44MTYE5hmk575iYGz9pcoqp+xf"
    "TgynSxU9MFGbhW6o0coarzPGTlBh0qjaxL3RGLuinSDddA1TbKoPOYjnh/ExPJC1RKJOco"
    "O1QB4z5QffkaPwPb93vWJGX5n060HRImZhoXZPHC7rhZpaTKRTeFVrBc9MsWqBrYTtEU40"
    "31qZook/qXZRN1SaU0m1WobJRnvWzjBhJt3H5Mvuk0O40BDsKBfgXmaEFmFq2Eavqh65zv"
    "RP/Z6IlIoaE73bOpcypaddt1U5l2TPXgn5Vo+6KiLR2B5qhGrRWXqGJMW5wCUugJWqgIlH"
    "ZAaQeGsEMp7UBXqCrhtVPuXwmvLym8vqxEFdlUaySq1OraQKLKNG5sI/ybH5nwfGbNS8x4"
    "fwd/knPbpYBR5uxPKvFQIRQ8L00L0Qq/S4hj6x+5Z9rA9RzKbPjVZsO+HqYsiUM5HMY14l"
    "Y09GVkqyMFMiTDiBGgj5UmRoCsKttGlgg7nyHZITv/jOa74eh7KDoWeL4jkn45JVCpl0tq"
    "hswhIaxoKNAqj4QhaxoC12ipUMpTKoXSoIdZ6TuUvmPoqCp9h8i2pPQdSt9Roe9I4m4q9R"
    "3ZyJyN+o5sXFATfQcZSp/+Z0PTQwD6gAqqr8Gf8XWfqR0gEymBs+AoMQR7mNl/PaL1GNBp"
    "SD7RF0wtzJ8DQmyMgcNezaf7yRO06GCS6YcsOkIr0yYf8MvXhilelBpjl2oMVfEszgrdRF"
    "g+qxaWz0rCMjaxJVriLEsz5Fz0LUE+bpSz4LgmZ8FxOWeBhZ54ap/KrSFpr5hCDqutkgvt"
    "OrlQcuCK6JJzRMPQJkuVcUal9Fcp/Qewucub0l/pRGUbdY6ONIlMblj5sKyMUvW84+m/y4"
    "DvKfSIfP7ecwJ3xNFvZG+P65QbmDXUHpKWqqq3qupdQFtV9VZVvQeIsao23YNyQVWbfgE3"
    "fCXK7kyUfURrWqmSw7NO0ZeKPSNLI8FsrhNWrn6b1itqElnl5u72fdy8qL0RqqVetLxuKU"
    "40troO05uqcylC1ZrvodZ8VmoSrjYfEjPaynrzRbGso4rzU8c19RFPXmQ3xrWSYtJEiYhK"
    "RFQiIoflUyLiwDBW3N5OuD0lle/CD7Q3XzrFIvbBIlJ2SZw3pFTVXGHMgnXEDl4gz+RXr4"
    "vu1DKEMG3zIhyh8jbswduwhdbvRXR9u+P9TpvUhiOtqvmS03J9ONcVQThqLiG6/ZRIcmyM"
    "bI7XQrWzVoZk965a/Z9nvTpl7Y5R4RxmX/8HUJ/DmA=="
)
