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
        ALTER TABLE "staff_user" ADD "agency_id" INT;
        ALTER TABLE "staff_user" ALTER COLUMN "role" TYPE VARCHAR(20) USING "role"::VARCHAR(20);
        COMMENT ON COLUMN "staff_user"."role" IS 'admin: admin\ntrainer: trainer\ncoordinator: coordinator';
        ALTER TABLE "staff_user" ADD CONSTRAINT "fk_staff_us_agency_cc087d93" FOREIGN KEY ("agency_id") REFERENCES "agency" ("id") ON DELETE SET NULL;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "staff_user" DROP CONSTRAINT IF EXISTS "fk_staff_us_agency_cc087d93";
        ALTER TABLE "staff_user" DROP COLUMN "agency_id";
        COMMENT ON COLUMN "staff_user"."role" IS 'admin: admin\ntrainer: trainer';
        ALTER TABLE "staff_user" ALTER COLUMN "role" TYPE VARCHAR(10) USING "role"::VARCHAR(10);
        DROP TABLE IF EXISTS "nomination";"""


MODELS_STATE = (
    "eJztXWlz4zbS/isofVlPvYrLlo8k3q2tsmecibMeO+VR3mQ3SjEQCVksUyCHBO1RZee/L8"
    "D7ACmCImUKgy+yTKJB6mkcfaH7r9HKNpDlHV4+IqyvRxfgrxGGK0S/FO6MwQg6TnqdXSBw"
    "bgVNYdpm7hEX6oReXUDLQ/SSgTzdNR1i2phexb5lsYu2Thua+DG95GPzk480Yj8iskQuvf"
    "H7H/SyiQ30GXnxv86TtjCRZeRe1TTYs4PrGlk7wbUbTH4IGrKnzTXdtvwVThs7a7K0cdLa"
    "xIRdpb8DuZAg1j1xffb67O2i3xn/ovBN0ybhK2ZoDLSAvkUyP3eupddGmnZ3P9U+Xk81bS"
    "QAkG5jBi59VS/49Y/sFb6ZHJ9+e/rdyfnpd7RJ8JrJlW+/hI9OgQkJA3jupqMvwX1IYNgi"
    "wDgFNfhbgvXtErp8XOP2BWTpKxeRjXEcLrQr+FmzEH4kS4bn2VkNkP9/+fD2x8uHA9rqDX"
    "ukTYd/OCvuoluT8B5DO0XXW9ou0UQxzlN1g3R8IYU6nbkJrqOdIH18dNQAadqqEungXh7p"
    "lYlN+si1CM5ZGulQ7mU8Q8uEHvLKIE/R54qFOEMiAcY1kE6vf5uynlee98nKInnw4fK3AO"
    "TVOrpze3/3Pm6eQf7t7f0VBZxtgIunzGrNLsyh/vQCXUPL3cmMf7SaI5fDmauI8Id/PSAL"
    "Br+3zIpICvgQdNKAKdEyLcSTHlfyL/Ggi69Gr5gbu9im8z0AYEuU7pKOJEVKt23XYD/R3n"
    "ZAfSRwsfjFk2pMsdloT+yq+Vm+tZqsilcgpsK0ET2bPSkWwx1zaj8hPOKJ6PG9eiHdMalw"
    "HTdTcrqS0/d+z92B9BjMGG0JvaUIxnkq6TSi89MGQJ+fVuLMbuVhdly0MD+LQJxSyDeQJ0"
    "3G8aR6GE+K8OouYlBokJQhfkfvEHOF+DDnKQtQGxHpYfylL+D7HNn0Bxr32Fqn8k6lHH/z"
    "4frj9PLDzzlh/t3l9JrdmeQE+fjqwXmBTUkn4Neb6Y+A/Qv+c393HcBre+TRDZ6Ytpv+Z8"
    "TeCfrE1rD9okEjM/njqzFqOa5b0COa77Xie5G2A84PU4wbOqNjTGo57aJnuuO04XOeUnF5"
    "yFym09HVhGToDMVmQXofFusOZOmSESUPcBndH2wXmY/4X2gdgHxD3whinSdDt9Bth4ZwlX"
    "JLL7vwJdHpsiOLAkB/NiKhwHb58e3lu+vRl2rTVK9qsm+Y5NZ+HPHU5PjeuFZNZq00K2qm"
    "1OR9mtrjGjVZfGvcpci7U6TllXjpVLU5K3i1FpkQ7E6J3JmW3os9hAIW2XUFIOZbghXGVT"
    "Yn6NJNI8RJAOgCmXRmkbMmUJ9VI31WBTRvv90IM3ff3X+QexnQBiLQtDgeo58+3t/xUc6Q"
    "FHdgUyfgv8Ayvd40mNE/Fj4Oli0w902LmNg7ZI/9Z188qIGcQZTbfUvO46KfuLCtsg4Enc"
    "d9SuhXrg0NHXpkxBHR05u1Mvo810zJ6LLI6MQkltiWFxNItw5PGq3Dk5p1eMIR3qhuiyLT"
    "RdOFOEujVuJOVuJcdBryPLpQCu2NWZphsIQ9TxqW+FS+wxxrwZVtWwjiCktrQlTgyJxS9c"
    "WK5MpuUb+6v7/NoX51UwxY++XD1TUVEwMW0EZmaByMd4BMGCyBxOcMfrbkX2N/VbK45sNh"
    "E+q+1v/S7jry9CUyfAsZgsM9JbwAydcZ9hA2KBvotfDLDOv2ymHWVNou+UqvMgCsgDr5Om"
    "ol3zcS72uk++Km4iIKntfOu1ykVf6nIfuf2BDV4ILwnCT1fM5TymdSlYnLccTHXChiPk8l"
    "nTjei1lEReVUoy+vj4IKLW47rucp1V455FV0wU4QLVuxuUCq+DxkPifCeJtVvECrOD1kTh"
    "ObQEtzkW46JmK/r8TtSvsvj3R38VhHfe3RnViDMzHgFsSYPlAzbMwxUdaaX0q0ygqzwQrT"
    "6izhHBJ9yTNWihz9Spw8V6y3PRROX+UAWAG1OudZgmsDD5o2Txpv8qONfnEAscHZ0RFIlz"
    "JgLwCdciDpcAyCuYgMcPBikiUwaRsXEXcNntD6DZijhe0iehWYHrN5kcOiFavHx3D8fb/n"
    "nYke+jT6o+ADLDYJjY5/CLkGr8zHr8U7+P1kcnLy7eTo5Py7s9Nvvz377ijZGMq36naIq5"
    "v3bKnKLWmbfYiMg8135qi1Co7m7MfBdNLodBKxA+WIpDv4dnLewAp0UpRSUyMQu1VwNoVx"
    "1EL+vyyN8v917v9rJeK/lnC/R+tJcKQszEYhdoqlTKjw3UNfKmcpcUKnp+DKEZNdACd2mj"
    "IRL/ChkhleQDPwk4Z/h+w6hYSglSO0zmRJlAmBu8QsCXG0qslQv8gUSFsBPDATXNcQ2z7R"
    "bbGMExkS6RyDk2ZhejVRehXxFIJR6Xkq6WDuPuMEcl2xo0IJgXTgnjVybp/VOLfPys5tth"
    "e38XGmZModMmR3SGpBFJLli2RKkt98LD1nfszjLHw2PXfCYs9gbno2vTjGhnRA/S1yibkw"
    "dRi8TcmGn709rjPg64WG6hDMPk32cY0Bm2rqc16EZU1Gt4RCOoPraRPJ5LRaMDktB90tkf"
    "5EwTOEVJg8lXQS4HETu/ZxtV37uGTXZn81ilFhnWo8pPnkEp4g7yUb89L2eQla3yHdXEGL"
    "D3lCU5S7Q6LDiHgPAa/B993125sPl7cH5+NilER2ccmDa3qe3yreK0coYdCuTOqNyqj29X"
    "BZcxH0xJKalAilEwl62Zccv2VMdI5QzakhzymdyRFIzCqUo1EmIY7bpY3fXLnMN7rMkefR"
    "VxCDNU+kcOWGjj2y+jlBILAYuBzKbhDee5tRjYF4hfgmI2HrcOMyL0MbwE1Nw7klkW8XLu"
    "9lHQD7NulIUmBzO3gO2AcqUTzcvJ2OeCtvB9B+THuSFNv8hlMBrog7g79Ql3lxj9HUph8N"
    "OfFQ6GyvluimzOBsUA38S135jB58a5PfKGgybug70ty49cbTH78uIQEQZH8/wAgZHljYLr"
    "2R6fXvIFwOPMDOZth+QGe/AN9DgAWwUQYb4P/A7TGA2HtBLjLKp0D6f5xyfA3L8cVCmEwX"
    "aSHLIDdPWe0hQH4HOzwJGHNjrw4CFmPPGILWcUvoQ0IFeQvIJxqzxLTFPaVWJ18F0B+IsW"
    "rv13WB08R14miVviUoiLbXtvZCBK3WtfoVPj+yGGMGfL0AmjRrLIR6WYqNgugt9AgIY17A"
    "EgbCHZP5HPrvlW8YSyovfkOZDtYIuuDg/u7d9TeTs/Pvvzk6OjqenLwpi5pddLiFMMm61e"
    "acUV+5AmUolFi5SawMDnZgWwDeDIU6YrP16t7PUmQ+BlWI15vWoqRd88UoR9JALbYBI/EA"
    "nfdZrTTIWQCB49rPpoHcv3mJlnow84/Qsc4+T75nn6fB5+SMfR59G9wNrpxMguvHbygU9C"
    "eOAZXxTPbgMdVkgR28A7RA+Ma+izhK9HBebobNFeXrIZjSV2HqeZC34QmtwYxuYgaajViu"
    "Bra60rexX2g3rPxgoO3Hr8l+BiR0jX5GANsYHc7wDLPugp7Bwc937wFt/tPP1+/pSxCwoi"
    "IxODk6Ak9X9J0MllT7CDif6Q/3aHdv2POekEOAiQN82BIyhx59O8jWcPYwDHz6au4Mv7uc"
    "Xmrvbh4uwAuasxfSkcfggi4C7MAY3YI9L3jICq6B61MEMPDQM10nLHpJX5oYeePgMeHLsr"
    "wUK8hmbJikgk0RdlrRd0JgGCldfCgjAR2tKOj6xTWZahu/r0dhp0s1xF5YYwVAL8iDEZSw"
    "AggTd60MHQPckQRTKsiaTKH72F5VCrvX4J1ofRdBOEsjYfBuLyfngv2BYwcyMXTXFStvTF"
    "I0/qxJmK1LmnCoqyiJR2L7oUhe3dxdPvw7SfmRhEPd3t+9v+Ik/bj69/T6kgd6iJvA8M5T"
    "ybeMdH642XeMlimP85QSRk/vacpjTkxg9PaZnSOS38XsrAWqTpIx7L1c2ZGhNcZ2a1Prz5"
    "mO9okXTW2thUHYu7XVxlTv8wJ394ewzM+IZ+HgNBvXGjgyBNoqQ7HRvnEJouZM64Tg9ubu"
    "GuhUC6cErr0K9FCWjwwczCgnZ6M3oY47twm7YvuEXmI6ucdqYrNLwRd6sWyG7fVJm3Xg30"
    "cW1dG1TGFrutWIZXlUmvG2ttoCB5rKYUW6nZUD2pmm0X0CFMN0kXAx3xyRjApdE3WuWpkr"
    "FZhFnzmC7pRe5cMbt5cC2ToB9vq3aU52LeVtzClxcfNiMsdiNjVRnULpEsPSJRqWT1ksqv"
    "eI6lMbRTqV3G3juYIUszLQ4nHarLNfvFaqwjBWss2B2sUxllMX6FuAu19ub18t9UwYFcNV"
    "J+J4mToNImmjcs3s0/yuk7eF06B0mgBFal9UUJpaI0sReLM0UoiAO/CWhJghIS0mSyOd0b"
    "4XlLNvVgK6Wp8pkEmA9a6VGpXJp8dMPlTMgbRVRTTG5pzpWfohr9dUDmUWsgsQ/p1hiioF"
    "h/3P/s7wcj13TeMChH+Lltkmq073ydEXiCOa1I77iOJ1Rn1f8ZsNhvzx0XjSeMynQYDMFc"
    "CLi60R/zi0Eqzpuyj1GyKHqArH2UCZlaoW8YSuzla1t3o1d2xfTq9rRy767JgurxTdRjDL"
    "HXzNqA69akhJJxyxYNdnJLgYRFQXIPw7w4YLF+QCBH9m2KUMd1mFkOjLMLZAD0FXX2qiXo"
    "QCmQQr9K6lblWZvXrMy+taUMFpsnF92MFpg2Nyv96k6pgzYV+SQNTZ0EDuIvCsSdYfnty8"
    "beXmQnUCSZDn5aXaEij5clKJ1bbmDr4k1xAf1zjwVGgYxsmO9lJD44Oc9+hmHB22Y+qccf"
    "kB4vXUZp8NF88p62jv/HU162bwu7SCTzv5lS4bT1Q2y+eYCIG03WDwshN2McLRepsM7Ohe"
    "LucCWbq2/7jMXCfx07gBwvS6VgI7v+w8mZalQZZPugMOf2S9XdLOpOdy7pc253QAN0O7Hb"
    "dTbm3BcgLdR0S0R9q508m0Dvp7z7qTnu2F3yowxQPCAPOWEz3DNUHm1wbn/AixYT8HITGl"
    "8Jzk3rguQGeZbdUgrD+IpYfeU3TGHrJ8J56NL5Koejrg1h745JuIBC3o9RXwMTGtKMaewo"
    "7Ycfkgt0DmgAEvtL/np6nAomEFFqlA/t0F8repXiFt2Yp+apnunY/EdsLoJqEgAUpzAdgn"
    "84cEi23gEAm/DcMjwt6ulYU2R6gMtEMx0DYxy8cjsFUtphypKhwzHDt8DZ/na9GaEUVCdb"
    "ZjozU+A1oHBvmv4HBHeZQN6nRHVLqDoz6mRT2qlce0gog63bFXM3w8VCVsUNke+j9L7TkW"
    "XGuiCciKdNKpY70kIqMLINbXFWFR1WAXyBTWciV922uUmbOfW/CiBuUMTScr9GvLu/1HYd"
    "uLhamb0NKCA2AiYJcppRvY500AP6/G+7wa7oXpsozagptjBbl0wPc71MNk5m2hz1Er5IWQ"
    "ZxfaWCo59MpwNWTDVZ5jrCQP8trFEdf3pEbBkEcB+2kIkzZnBnKUisv7wGUWfiCoFnFIpd"
    "tRu88YnJ72KoSN1pVFS4lUKTqBYmjq1NNX6F5Vp55k43qTU0+h46oN1/OUSloZDpPLczsy"
    "eQt513I0ypFe3iazIcCCnjUOqXym225yqdWELoQjtIy7cNTCZdLRfuHdNGQhN5UrohWqRn"
    "YH8IqdSNhTjDlTWjguRJ3VbHVWE9srEwcwbInVXdKRrFC56NFktzsA6yHTlaxweb77jOjC"
    "iZ/NrSfix6Cvm6AryfFy0Yq9JS9hoThiD1Fn0mPmOcww2BFmYWcyYdZn0GRm4ecETua3he"
    "rgSZxv12kA5e+Z0MwoN0FYlCZXuSaViKPDJqpuzU4jLYd+QIjjD3AQNhhkYojHZBcg+jLD"
    "UNeRQ9hRofjbjD5XZ0Gk9Fr8bdSMT30fH/KJbguGQqQk0nlrjidNAJ5UAzwpBbL53rKVVT"
    "FHqIyKQzYqMlZpLWZSkU666dSD8xN7L8htNaEKpGpKDXlKKc/rV8Fm5Y7pwR0T6kdioOZo"
    "VO5GDqqRTtviNC6HUg3bMsBZi6zocecSpQK4DHBkLRGsEpgjUivD5nPkqXlqS29hekx5zw"
    "Bu6inMbTr8QuKc8dsBsvJlIy1Cm5+2m7FVEQQNgRWNIMhu/l2MXPnTSnDEpQY4uwUn7JY4"
    "C/p09xRqjuA0qBQeSVZzji8qm/G82hOVTbGuEnnslYg1rnEviR7f7PbA5oAyd/Ry+D44ay"
    "dWQDRDIp8Vuw+M6RMJXYs0tIKmJYJ0iVDhLYK3Q7ESrPBcIJQO77NmCUJr8oNyw5MbRXdm"
    "8lK3D+xMCrFLoszltV4m8W8HkIRKQxfVNzyqEUBiuxy9bKsSHB+z/UoEt4DgnlOfOMJ7Ub"
    "2qFuCLel2vQvzvWRtTHDg2BrmQMxVOpsLJSpO0A6yjkY6iopvx9xl+gSax2H/0evp9hnX2"
    "Wy2LXU6+zujCQxB9LRZ8Fn2jLe2VExxRpC3jr6MWgkL30VHhsfSg0oSASJanki0ZYzenxc"
    "q2sZZhMyViFTgz5IiKdIVowesSseL1kHntuPbKbsfpAqni85D5nGzvbcLhCrSK00PmdCyz"
    "tQlvzZMqPg+Zz4kY3io5Wp5WcXrQnFaBzJVqz34mE1IppL5GrnMme8lUrwKvRypsddC4qr"
    "BVFbY6ZGibhK028Su/TiKcYYrR9e5l9IxY861Aynrzrll/Eo3QoWTB2Zextb1fvhrWVt54"
    "ybBt6YQPp+UGT3wyd5u54zWUtN9YXf3XJSRgSftlRWcBsQEE2a4AxAZ4WdrAMA1gEnCQep"
    "3GGafnGMR263Hq8zw8PHxTLrC+iwc2CSjIxS+oqIGdRg080Z8l4leO2+8uwm93ccJ9pKG3"
    "OepCrdc+JJAugLKXqjltPADKZDQkk1GzUt6vfeh5cMzuu8rza54TGxrYXR0Ua6Cc93lOLD"
    "aMcOTbjM2kWqrNmGg2i7JUAQGuj8HBzD9CkxP2efId+zwNPo+/fwPsBRU3w9j2smTagp6b"
    "BlFPwt6xzcmAmN6mY9glGlv/lQC642NqtgCoYWO1hvNcAOkI5spEFT6AHFWdXNQNxLscuT"
    "XwMbGmgB/ChjB6WZr+sRtKfAEHvIGWIn69AOV+ioRilhWVY/urq2qWEu2wqllyZW/Lmj0j"
    "7AsN54RAOtX9rNFYPqsZy2flsaxDB+om4ZxpqNz8syRKBOBGAUDiaQQ+8c6l14QB5Kh2h+"
    "zRnsCaU+xsB/H8pdUyAp96S2lhmN6YhsJCDhHdsrmHmxsCmpJ/zYgO/egfZ+tiM0Fw+wpo"
    "LgD75J/sK5oRmglqjeQ0gXTxKpq1Gnp5jdShKUnMPJ2jURINr2oi61o0XDRPpLKcbrT3p2"
    "bQLS390mUZGRds/LkZuzmsMRqJHSArYXqSIrb5aavKIapyiAODSpVDbBMIapieA4m+7CYW"
    "9F3Um0yg9er1fTIt65KK3SOe3ze5Oa71/LJmGozbvUqGUJ2+log1Nm4vXTLLrjKf1OcN1c"
    "hSBO0MiZRxgc0CA+siA0tWApU/tH+MdSplC3rLYhLlKxPwlXm2SzTbNXiaTrXbIUekvA5F"
    "UBcu/fJiu0/aM3L5h+OqlwousYSLRhcB2yXDSG/xeQ1yun6AeD212WfvJpdXFWpqjALBD9"
    "MKomr6M12mKSAjaZBKpyGcthvwgiW+KxpsEkZFNwNSRhndJ0vX9h+XGbq86Ms1+NDrWjGe"
    "70u9TJ7YcngyedbQUyOTs2aa76ms/TseuH2HQzKWimbuz9JIp/D0EknFjBIWXGuiSBfp5N"
    "tS+8gr71KBu61zOqYdsl45gsbKxBcg+DPDkSGbTZrgC0suSwVdM0h4zdLLJv+0cVh3f0rN"
    "gZ5HZUVDW0JPSO0vEfYUxvmaun8f84EFZAZ7N9evWY13kU62rL7npw2wPj+thJrd4uVOFr"
    "QBpEQ7tALEqO+tEUCFvVSPcnnDXlRx6h5MP3FBNjFYC1QK2I1xL9nCd1vGZ2Qr7e0Xxk3D"
    "MwrDq0G5SVUvtSG0TeqlNgl8IfYTNzhdxM1+6ZhTOzoKsGfbbKOoBHqXmcTD6PEV8jwK/t"
    "a1tdIuP4Q9yjNWCxEwVGr2EFP4sGGzH70dcj9G3UgKl8qw1zhWKEwusG2IUOPcj3uJ0SvH"
    "U+0LZr2GU+VB4/lvSrDWOHHyHG3kyQlSY4SEwEOYsLRtZIniSlbIY4kxbNYmnAz83BqiHQ"
    "iWhSNo5Vgql8bOnUfOEvLi+JtZ2hPi4To16I6K0QWYYcelf+gH/WZ7hH6ln22M6U2Mu9Wm"
    "3ZJhF9L3W69s3lG8eotjlk6FHglYHQ0EDX5ShHqbY5ZOQovjnlgYY0w2pH9bMRRdzYBrzs"
    "T66eP9XdVB4QJhkdGmTsB/Acti2tsC94+Fj/UgmercNy1iYu+QPe+ffXlzaxjPgMrxPF7I"
    "Dj5c/lZc497e3l8Vmck6uCrNP8N3hItT5qlkc2P1ErGg3CtfxWIXM2su6FMp0Snzv6qSsr"
    "NT2pG6J3hMO0+lkN3ssFJlUrotk8IbxF2AG1hXppkOJcW4MIVzID/QvfDh5u10VLG/dYGz"
    "/IfiS/v6Fu7B1yjJsi8jm6txdgLVQ9SZvGB5Dm3Qzbh6iDqTCaz+/RHRbKz0RqSzdaMvwk"
    "ybbvREXIKwyhuA3lNUPwZ7L+x/ELs0wEFYQybwGgRuhtubu2vg+N4SvDDng+0TTmGaTnvm"
    "JgbP+lyiqn7F9ODKdbFT1wVlXCvzRo5Q1XkesnGDsUqj81K3xU7dFOmG66Bqe8qg8zMd8f"
    "omppIXqJRKzjF2qALGfaD6+jV+Brbu92xJyso/nVg7JEzMNC7o4oXVcbNJSZWLbgqtYLno"
    "1y1QNbCVoinGm+pTNTEm9a/LJuaSSm02a1DZqM+62cYNNNq4/Zh+01l2GgMchIx+A+ZoQU"
    "cWq4RqemHonGdH/2H0TLXQMJzuxdQ5Fa267bqpTjtmdvBPSrV9VdWWcaA5qlFrJSWqM6Yt"
    "dgEp7AQtTATKOqCsA0NYoZR1oCtUlfLaqfSvlNfXVF5fV6OKfKo1GlXqdW2gUWUaN/YR/s"
    "2LXHhe4M1L3Hh/B3/SfdthgDHh7E+m8TAlFLwsTQuxCr9LSGLvH71nYuC4NhM2vGq3YV8P"
    "U57EoWwO4xp1K2J9GdnqkwIZkmGcEWCPleaMAJ1VGCNLRJzPkOxQnH9B891I9D0UHfNdzx"
    "ZJv5wSqNTLJTNDZpMQNjQUaFVEwpAtDb5jtDQo5SmVQWnQbFb2DmXvGDqqyt4hsiwpe4ey"
    "d1TYO5JzN5X2juzJnI32juy5oCb2DspKj/2HoekiAD3AFNVD8Gd83QvMDjBQKYG94BgxBH"
    "uY4b+e0HoM2DCkn+gzYR7mTz4lNsbADl7NY+vJM7QYM+nwQxbj0MrE9AN+/tIwxYsyY+zS"
    "jKEqnsVZoZsoy+fVyvJ5SVkmJrFES5xlaYaci74lyCeNchac1OQsOCnnLLDQM8/sU7k0JO"
    "2VUMgRtVVyoV0nF0o2XBFbco5oGNZkqTLOqJT+KqX/ABZ3eVP6K5uobFzn2EiTk8kNKx+W"
    "jVGqnnc8/Hd54HsKXaqfv3dt3xlx7BvZ2+M64wYJGmqPSUtV1VtV9S6grap6q6reA8RYVZ"
    "vuwbigqk2/Qhi+UmV3pso+oTWrVMmRWafoc8WakaWRYDTXKSvXv03rDTWJrnJ7f/c+bl60"
    "3gjVUi96XrdUJxp7XYcZTdW5FqFqzfdQaz6rNQlXmw+JA9rKevNFtayjivNT2zH1EU9fDG"
    "6MazXFpIlSEZWKqFREjsinVMSBYaykvZ1Ie0or30UcaG+xdEpE7ENEZOKSuGzIqKqlwlgE"
    "60gcvESuya9eF92pFQhh2uZVJEIVbdhDtGELq9+r2Pp2J/udNakNR1tVyyVn5fpwjiOCcN"
    "RcQnT7KZFkY4IwJ2qhOlgrQ7L7UK3+97Neg7J2J6hwNrMv/wP5l4R5"
)
