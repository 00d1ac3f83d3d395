"""Demo catalogue for a fresh installation: about 100 clearly fictional certified courses over every topic and
target group, sessions over the next six months in several provinces and online, ~30 government agencies
and a demo trainer. Deterministic (seeded random), and only seeded into an empty catalogue.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from backend.models import Agency, Course, Provider, Role, StaffUser
from backend.schemas.catalogue import CourseCreate, SessionCreate
from backend.services import auth, catalogue

DEMO_ACTOR = "system:demo-data"
DEMO_TRAINER_USERNAME = "trainer.demo"
DEMO_NOTE = "(หลักสูตรสมมุติเพื่อการสาธิตระบบ)"

# Fictional training providers (no real institute has these names).
PROVIDERS = [
    "สถาบันนวปัญญาดิจิทัล",
    "ศูนย์ฝึกอบรมไซเบอร์สยามรักษ์",
    "วิทยาลัยข้อมูลภาครัฐเจริญกรุง",
    "สถาบันพัฒนาผู้นำดิจิทัลรัตนโกสินทร์",
    "ศูนย์การเรียนรู้คลาวด์ไทยรัฐกิจ",
    "สถาบันเทคโนโลยีบริการประชาชนลานนา",
    "ศูนย์ทักษะดิจิทัลอีสานก้าวหน้า",
    "สถาบันกฎหมายดิจิทัลและธรรมาภิบาลทองหล่อ",
    "วิทยาลัยโค้ดดิ้งภาครัฐปากเกร็ด",
    "ศูนย์พัฒนาบุคลากรดิจิทัลทักษิณ",
    "สถาบันการออกแบบบริการรัฐสุขุมวิท",
    "ศูนย์บริหารโครงการดิจิทัลเจ้าพระยา",
]

CODE_PREFIX = {
    "ai": "AI", "data": "DATA", "cybersecurity": "CYBER", "cloud": "CLOUD", "digital_literacy": "LIT",
    "law_governance": "LAW", "service_design": "SVC", "project_management": "PM", "leadership": "LEAD",
    "programming": "CODE",
}

SKILLS_BY_TOPIC = {
    "ai": ["digital_technology", "data_utilization"],
    "data": ["data_utilization"],
    "cybersecurity": ["cyber_security"],
    "cloud": ["digital_technology"],
    "digital_literacy": ["digital_literacy"],
    "law_governance": ["digital_governance"],
    "service_design": ["digital_service"],
    "project_management": ["digital_governance", "digital_technology"],
    "leadership": ["digital_leadership"],
    "programming": ["digital_technology"],
}

# (title_th, title_en, target groups, modality, hours, extra topics, description)
CourseIdea = tuple[str, str, list[str], str, int, list[str], str]
COURSE_IDEAS: dict[str, list[CourseIdea]] = {
    "ai": [
        ("ปัญญาประดิษฐ์เชิงสร้างสรรค์ (Generative AI) สำหรับงานราชการ", "Generative AI for Government Work",
         ["other", "service", "policy_academic"], "online", 6, [],
         "ใช้ ChatGPT และเครื่องมือเอไอช่วยร่างหนังสือ สรุปรายงาน และค้นคว้าข้อมูลอย่างรับผิดชอบ"),
        ("เอไอสำหรับผู้บริหาร: กลยุทธ์และการกำกับดูแล", "AI Strategy and Governance for Executives",
         ["executive", "director"], "onsite", 12, ["leadership"],
         "วางทิศทางการนำปัญญาประดิษฐ์มาใช้ในองค์กร ประเมินความเสี่ยง และกำหนดนโยบายการใช้เอไอ"),
        ("การเขียนพรอมต์ (Prompt Engineering) อย่างมืออาชีพ", "Professional Prompt Engineering",
         ["other", "service", "policy_academic", "technologist"], "online", 6, [],
         "เทคนิคการสั่งงานแชตบอตเอไอให้ได้ผลลัพธ์แม่นยำ พร้อมแบบฝึกหัดจากงานจริงในหน่วยงาน"),
        ("Machine Learning เบื้องต้นสำหรับนักวิเคราะห์", "Introduction to Machine Learning for Analysts",
         ["technologist", "policy_academic"], "hybrid", 24, ["data", "programming"],
         "สร้างแบบจำลองการเรียนรู้ของเครื่องด้วย Python ตั้งแต่เตรียมข้อมูลจนถึงประเมินผล"),
        ("การประยุกต์ใช้ AI ในงานบริการประชาชน", "Applying AI in Public Services",
         ["service", "director"], "onsite", 12, ["service_design"],
         "ออกแบบแชตบอตตอบคำถามประชาชนและระบบคัดกรองคำร้องด้วยเอไอ"),
        ("จริยธรรมและความเสี่ยงของปัญญาประดิษฐ์ในภาครัฐ", "AI Ethics and Risk in Government",
         ["executive", "director", "policy_academic"], "online", 6, ["law_governance"],
         "หลักจริยธรรมเอไอ ความเป็นธรรมของอัลกอริทึม และแนวทางกำกับดูแลการใช้เอไอของหน่วยงานรัฐ"),
        ("Large Language Model สำหรับนักพัฒนาระบบภาครัฐ", "LLMs for Government Developers",
         ["technologist"], "hybrid", 30, ["programming", "cloud"],
         "เชื่อมต่อโมเดลภาษาขนาดใหญ่ผ่าน API ทำ RAG กับเอกสารราชการ และติดตั้งใช้งานอย่างปลอดภัย"),
        ("เอไอช่วยงานเอกสารและสารบรรณ", "AI for Documents and Correspondence",
         ["other", "service"], "online", 6, ["digital_literacy"],
         "ใช้เอไอสรุปหนังสือเวียน จัดหมวดเอกสาร และตรวจคำผิดภาษาไทย"),
        ("การวิเคราะห์ภาพและเสียงด้วยปัญญาประดิษฐ์", "Computer Vision and Speech AI",
         ["technologist"], "onsite", 24, ["programming"],
         "ประยุกต์ deep learning กับภาพถ่าย กล้องวงจรปิด และการถอดเสียงภาษาไทย"),
        ("ผู้นำองค์กรในยุคปัญญาประดิษฐ์", "Leading Organisations in the Age of AI",
         ["executive"], "onsite", 18, ["leadership"],
         "ปรับโครงสร้างงานและพัฒนาคนรับการเปลี่ยนแปลงจากเอไอ กรณีศึกษาจากต่างประเทศ"),
    ],
    "data": [
        ("การวิเคราะห์ข้อมูลด้วย Power BI สำหรับหน่วยงานรัฐ", "Data Analysis with Power BI",
         ["policy_academic", "technologist", "other"], "hybrid", 18, [],
         "เชื่อมต่อแหล่งข้อมูล สร้างแดชบอร์ด และนำเสนอข้อมูลเพื่อการตัดสินใจ"),
        ("ธรรมาภิบาลข้อมูลภาครัฐ (Data Governance) ภาคปฏิบัติ", "Government Data Governance in Practice",
         ["director", "policy_academic", "technologist"], "onsite", 12, ["law_governance"],
         "จัดทำบัญชีข้อมูล กำหนดชั้นความลับ และบทบาทผู้ดูแลข้อมูลตามกรอบธรรมาภิบาลข้อมูลภาครัฐ"),
        ("วิทยาการข้อมูลเบื้องต้น (Data Science) ด้วย Python", "Data Science Fundamentals with Python",
         ["technologist", "policy_academic"], "online", 30, ["programming"],
         "pandas การทำความสะอาดข้อมูล สถิติเชิงพรรณนา และการสร้างกราฟ"),
        ("การเปิดเผยข้อมูลภาครัฐ (Open Data) และการแบ่งปันข้อมูล", "Open Government Data and Data Sharing",
         ["policy_academic", "director"], "online", 6, [],
         "มาตรฐานชุดข้อมูลเปิด การเผยแพร่บนศูนย์กลางข้อมูลเปิดภาครัฐ และการแลกเปลี่ยนข้อมูลระหว่างหน่วยงาน"),
        ("การวิเคราะห์ข้อมูลขนาดใหญ่ (Big Data) เพื่อการวางนโยบาย", "Big Data Analytics for Policy Making",
         ["policy_academic", "executive", "director"], "onsite", 12, [],
         "ใช้ข้อมูลขนาดใหญ่ประกอบการวางนโยบาย อ่านผลวิเคราะห์ และตั้งคำถามเชิงข้อมูล"),
        ("Excel ขั้นสูงเพื่อการวิเคราะห์ข้อมูล", "Advanced Excel for Data Analysis",
         ["other", "service", "policy_academic"], "onsite", 12, ["digital_literacy"],
         "PivotTable, Power Query และสูตรวิเคราะห์ข้อมูลสำหรับงานสถิติของหน่วยงาน"),
        ("การนำเสนอข้อมูลด้วยภาพ (Data Visualization)", "Data Visualization and Storytelling",
         ["policy_academic", "service", "other"], "online", 6, [],
         "เลือกกราฟให้เหมาะกับข้อมูล เล่าเรื่องด้วยข้อมูล และออกแบบอินโฟกราฟิก"),
        ("ภาษา SQL สำหรับนักวิเคราะห์ข้อมูลภาครัฐ", "SQL for Government Data Analysts",
         ["technologist", "policy_academic"], "hybrid", 18, ["programming"],
         "ค้นข้อมูลจากฐานข้อมูล เชื่อมตาราง และสรุปผลด้วยภาษา SQL"),
        ("ผู้บริหารกับการตัดสินใจด้วยข้อมูล (Data-Driven Leadership)", "Data-Driven Decision Making",
         ["executive", "director"], "onsite", 6, ["leadership"],
         "อ่านแดชบอร์ดอย่างมีวิจารณญาณ ตั้งตัวชี้วัด และสร้างวัฒนธรรมองค์กรที่ใช้ข้อมูล"),
        ("สถิติสำหรับงานติดตามและประเมินผลโครงการ", "Statistics for Monitoring and Evaluation",
         ["policy_academic", "other"], "online", 12, [],
         "การสุ่มตัวอย่าง การทดสอบสมมติฐาน และการรายงานผลการประเมินโครงการ"),
    ],
    "cybersecurity": [
        ("ความมั่นคงปลอดภัยไซเบอร์สำหรับบุคลากรภาครัฐ", "Cyber Security Awareness for Civil Servants",
         ["other", "service", "policy_academic"], "online", 3, ["digital_literacy"],
         "รู้ทันฟิชชิง รหัสผ่านที่ปลอดภัย และการรายงานเหตุภัยคุกคามทางไซเบอร์"),
        ("การรับมือเหตุการณ์ภัยคุกคามทางไซเบอร์ (Incident Response)", "Cyber Incident Response",
         ["technologist"], "onsite", 24, [],
         "ขั้นตอนตรวจจับ วิเคราะห์ และกู้คืนระบบเมื่อถูกโจมตี พร้อมการซ้อมแผนจำลองสถานการณ์"),
        ("ความปลอดภัยไซเบอร์สำหรับผู้บริหาร", "Cyber Security for Executives",
         ["executive", "director"], "onsite", 6, ["leadership", "law_governance"],
         "บทบาทผู้บริหารตาม พ.ร.บ.การรักษาความมั่นคงปลอดภัยไซเบอร์ และการบริหารความเสี่ยงองค์กร"),
        ("การทดสอบเจาะระบบเบื้องต้น (Penetration Testing)", "Introduction to Penetration Testing",
         ["technologist"], "onsite", 30, [],
         "ค้นหาช่องโหว่เว็บแอปพลิเคชันและเครือข่ายในห้องปฏิบัติการจำลอง"),
        ("การป้องกันแรนซัมแวร์และการสำรองข้อมูล", "Ransomware Defence and Backup",
         ["technologist", "other"], "hybrid", 12, [],
         "วางนโยบายสำรองข้อมูล 3-2-1 ป้องกันมัลแวร์เรียกค่าไถ่ และกู้คืนข้อมูล"),
        ("การบริหารความมั่นคงปลอดภัยสารสนเทศตามมาตรฐาน ISO/IEC 27001", "ISO/IEC 27001 Information Security Management",
         ["technologist", "director"], "onsite", 18, ["law_governance"],
         "จัดทำระบบบริหารความมั่นคงปลอดภัยสารสนเทศ ประเมินความเสี่ยง และเตรียมรับการตรวจประเมิน"),
        ("การใช้งานอุปกรณ์เคลื่อนที่และโซเชียลมีเดียอย่างปลอดภัย", "Safe Mobile and Social Media Use",
         ["other", "service"], "online", 3, ["digital_literacy"],
         "ตั้งค่าความเป็นส่วนตัว ป้องกันบัญชีถูกแฮก และรู้ทันข่าวปลอม"),
        ("การเฝ้าระวังความปลอดภัยเครือข่าย (Security Monitoring)", "Network Security Monitoring",
         ["technologist"], "hybrid", 24, ["cloud"],
         "ติดตั้งระบบเก็บล็อก วิเคราะห์เหตุผิดปกติ และตั้งค่าการแจ้งเตือน"),
        ("ความปลอดภัยของเว็บไซต์หน่วยงานรัฐ", "Securing Government Websites",
         ["technologist"], "online", 12, ["programming"],
         "OWASP Top 10 การตั้งค่าเซิร์ฟเวอร์ และการอัปเดตระบบจัดการเนื้อหา"),
        ("การสร้างความตระหนักรู้ด้านไซเบอร์ในองค์กร", "Building a Cyber-Aware Organisation",
         ["director", "policy_academic"], "online", 6, ["leadership"],
         "ออกแบบแคมเปญสร้างความตระหนักรู้และการทดสอบฟิชชิงจำลองในหน่วยงาน"),
    ],
    "cloud": [
        ("การใช้งานคลาวด์กลางภาครัฐ (Government Cloud)", "Using the Government Cloud",
         ["technologist"], "hybrid", 18, [],
         "ขอใช้บริการคลาวด์กลางภาครัฐ ย้ายระบบขึ้นคลาวด์ และบริหารค่าใช้จ่าย"),
        ("พื้นฐานคลาวด์คอมพิวติ้งสำหรับบุคลากรภาครัฐ", "Cloud Computing Fundamentals",
         ["other", "policy_academic", "technologist"], "online", 6, [],
         "แนวคิด IaaS PaaS SaaS ข้อดีข้อจำกัด และการเลือกบริการคลาวด์ให้เหมาะกับงาน"),
        ("สถาปัตยกรรมระบบบนคลาวด์และคอนเทนเนอร์", "Cloud Architecture and Containers",
         ["technologist"], "onsite", 30, ["programming"],
         "Docker Kubernetes และการออกแบบระบบที่ขยายตัวได้บนคลาวด์"),
        ("การย้ายระบบงานขึ้นคลาวด์ (Cloud Migration)", "Cloud Migration Planning",
         ["technologist", "director"], "hybrid", 12, ["project_management"],
         "ประเมินระบบเดิม วางแผนการย้าย และบริหารความเสี่ยงระหว่างการย้ายระบบ"),
        ("ความปลอดภัยบนระบบคลาวด์", "Cloud Security",
         ["technologist"], "online", 12, ["cybersecurity"],
         "การควบคุมสิทธิ์ การเข้ารหัสข้อมูล และการตรวจสอบการตั้งค่าบนคลาวด์"),
        ("คลาวด์สำหรับผู้บริหาร: ลงทุนอย่างคุ้มค่า", "Cloud Economics for Executives",
         ["executive", "director"], "onsite", 6, ["leadership"],
         "เปรียบเทียบต้นทุน วางนโยบาย Cloud First และการจัดซื้อจัดจ้างบริการคลาวด์"),
        ("การทำงานร่วมกันบนคลาวด์ด้วย Google Workspace และ Microsoft 365", "Cloud Collaboration Tools",
         ["other", "service", "policy_academic"], "online", 6, ["digital_literacy"],
         "แชร์ไฟล์ ทำงานเอกสารพร้อมกัน และประชุมออนไลน์อย่างมีประสิทธิภาพ"),
        ("DevOps และการส่งมอบซอฟต์แวร์อัตโนมัติบนคลาวด์", "DevOps and CI/CD on the Cloud",
         ["technologist"], "onsite", 24, ["programming"],
         "สร้างไปป์ไลน์ทดสอบและติดตั้งระบบอัตโนมัติ พร้อมการติดตามระบบ"),
        ("การสำรองข้อมูลและกู้คืนระบบบนคลาวด์", "Cloud Backup and Disaster Recovery",
         ["technologist"], "online", 12, ["cybersecurity"],
         "วางแผนความต่อเนื่องทางธุรกิจ สำรองข้อมูลข้ามศูนย์ข้อมูล และซ้อมกู้คืนระบบ"),
        ("คลาวด์สำหรับงานวิเคราะห์ข้อมูลภาครัฐ", "Cloud Platforms for Government Analytics",
         ["technologist", "policy_academic"], "hybrid", 18, ["data"],
         "คลังข้อมูลบนคลาวด์ การประมวลผลข้อมูลขนาดใหญ่ และการควบคุมค่าใช้จ่าย"),
    ],
    "digital_literacy": [
        ("ทักษะดิจิทัลพื้นฐานสำหรับข้าราชการยุคใหม่", "Basic Digital Skills for Civil Servants",
         ["other", "service"], "online", 6, [],
         "การใช้คอมพิวเตอร์ อินเทอร์เน็ต อีเมล และการรู้เท่าทันสื่อดิจิทัล"),
        ("Microsoft Excel สำหรับงานสำนักงาน", "Microsoft Excel for Office Work",
         ["other", "service"], "onsite", 12, [],
         "สูตรคำนวณ การจัดรูปแบบตาราง และการทำรายงานสรุปด้วย Excel"),
        ("การสร้างงานนำเสนอด้วย PowerPoint และ Canva", "Presentations with PowerPoint and Canva",
         ["other", "service", "policy_academic"], "online", 6, [],
         "ออกแบบสไลด์ให้น่าสนใจ ใช้แม่แบบ และนำเสนออย่างมืออาชีพ"),
        ("การใช้งานระบบสารบรรณอิเล็กทรอนิกส์", "Electronic Correspondence Systems",
         ["other", "service"], "online", 3, ["law_governance"],
         "รับส่งหนังสือราชการทางอิเล็กทรอนิกส์ ลงนามดิจิทัล และจัดเก็บเอกสาร"),
        ("การทำงานร่วมกันออนไลน์และการประชุมทางไกล", "Online Collaboration and Video Meetings",
         ["other", "service", "policy_academic"], "online", 3, ["cloud"],
         "จัดประชุมออนไลน์ แชร์หน้าจอ บันทึกการประชุม และทำงานเอกสารร่วมกัน"),
        ("Microsoft Word สำหรับหนังสือราชการ", "Microsoft Word for Official Letters",
         ["other", "service"], "onsite", 6, [],
         "จัดรูปแบบหนังสือราชการตามระเบียบงานสารบรรณ สารบัญอัตโนมัติ และจดหมายเวียน"),
        ("การรู้เท่าทันดิจิทัลและข่าวปลอม", "Digital Literacy and Fake News",
         ["other", "service", "policy_academic"], "online", 3, ["cybersecurity"],
         "ตรวจสอบข้อเท็จจริง แยกแยะข่าวปลอม และใช้สื่อสังคมออนไลน์อย่างรับผิดชอบ"),
        ("Google Sheets และ Google Forms สำหรับงานราชการ", "Google Sheets and Forms for Government",
         ["other", "service"], "online", 6, ["data"],
         "สร้างแบบสอบถามออนไลน์ เก็บและสรุปผลข้อมูลอัตโนมัติ"),
        ("การใช้คอมพิวเตอร์เบื้องต้นสำหรับลูกจ้างและพนักงานราชการ", "Computer Basics",
         ["other"], "onsite", 12, [],
         "การจัดการไฟล์ การพิมพ์เอกสาร และการใช้อินเทอร์เน็ตอย่างปลอดภัย"),
        ("การรู้ดิจิทัลสำหรับผู้บริหาร", "Digital Literacy for Executives",
         ["executive", "director"], "onsite", 6, ["leadership"],
         "แนวโน้มเทคโนโลยี เครื่องมือดิจิทัลที่ผู้บริหารควรรู้ และการสั่งการผ่านระบบดิจิทัล"),
    ],
    "law_governance": [
        ("พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล (PDPA) สำหรับหน่วยงานรัฐ", "PDPA for Government Agencies",
         ["policy_academic", "service", "other", "director"], "online", 6, [],
         "หลักการคุ้มครองข้อมูลส่วนบุคคล ฐานการประมวลผล สิทธิของเจ้าของข้อมูล และการแจ้งเหตุละเมิด"),
        ("กฎหมายดิจิทัลที่ข้าราชการต้องรู้", "Digital Laws Every Civil Servant Should Know",
         ["other", "service", "policy_academic"], "online", 6, [],
         "พ.ร.บ.ว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์ ธุรกรรมทางอิเล็กทรอนิกส์ และการปฏิบัติราชการทางอิเล็กทรอนิกส์"),
        ("มาตรฐานและแนวปฏิบัติรัฐบาลดิจิทัล", "Digital Government Standards",
         ["technologist", "policy_academic"], "hybrid", 12, [],
         "มาตรฐานรัฐบาลดิจิทัล การเชื่อมโยงข้อมูล และการประเมินความพร้อมรัฐบาลดิจิทัล"),
        ("การเป็นเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) ภาครัฐ", "Data Protection Officer for Government",
         ["policy_academic", "technologist"], "onsite", 24, ["data"],
         "บทบาท DPO การทำบันทึกรายการประมวลผล และการประเมินผลกระทบด้านข้อมูลส่วนบุคคล"),
        ("ธรรมาภิบาลดิจิทัลสำหรับผู้บริหาร", "Digital Governance for Executives",
         ["executive", "director"], "onsite", 6, ["leadership"],
         "กรอบธรรมาภิบาลดิจิทัล การกำกับโครงการไอที และความรับผิดชอบของผู้บริหาร"),
        ("ลายมือชื่ออิเล็กทรอนิกส์และเอกสารดิจิทัล", "Electronic Signatures and Digital Documents",
         ["other", "service", "technologist"], "online", 3, ["digital_literacy"],
         "ประเภทลายมือชื่ออิเล็กทรอนิกส์ การตรวจสอบเอกสาร และการเก็บรักษาเอกสารดิจิทัล"),
        ("การจัดซื้อจัดจ้างระบบดิจิทัลภาครัฐ", "Procuring Digital Systems in Government",
         ["director", "technologist", "policy_academic"], "onsite", 12, ["project_management"],
         "จัดทำขอบเขตงาน (TOR) ระบบสารสนเทศ เกณฑ์ราคากลาง และการตรวจรับงาน"),
        ("PDPA ภาคปฏิบัติสำหรับงานบริการประชาชน", "PDPA in Front-Line Services",
         ["service", "other"], "online", 3, ["service_design"],
         "ขอความยินยอม แจ้งวัตถุประสงค์ และตอบคำขอใช้สิทธิของประชาชนอย่างถูกต้อง"),
        ("การปฏิบัติราชการทางอิเล็กทรอนิกส์ตามกฎหมายใหม่", "Electronic Administration under the New Act",
         ["other", "service", "director"], "online", 6, ["digital_literacy"],
         "การยื่นคำขอ การออกใบอนุญาต และการแจ้งผลทางอิเล็กทรอนิกส์ตามกฎหมายว่าด้วยการปฏิบัติราชการทางอิเล็กทรอนิกส์"),
        ("การบริหารจัดการความเสี่ยงด้านข้อมูลส่วนบุคคล", "Personal Data Risk Management",
         ["technologist", "policy_academic", "director"], "hybrid", 12, ["cybersecurity"],
         "ประเมินผลกระทบ ควบคุมการเข้าถึง และจัดการเหตุละเมิดข้อมูลส่วนบุคคล"),
    ],
    "service_design": [
        ("การออกแบบบริการดิจิทัลภาครัฐด้วย Design Thinking", "Design Thinking for Government Services",
         ["service", "policy_academic", "director"], "onsite", 18, [],
         "เข้าใจผู้รับบริการ ทำแผนที่การเดินทางของประชาชน และสร้างต้นแบบบริการ"),
        ("UX/UI สำหรับเว็บไซต์และแอปพลิเคชันภาครัฐ", "UX/UI for Government Websites and Apps",
         ["technologist", "service"], "hybrid", 24, ["programming"],
         "หลักการออกแบบประสบการณ์ผู้ใช้ การทดสอบกับผู้ใช้จริง และการเข้าถึงได้ของทุกคน"),
        ("การพัฒนาบริการ e-Service แบบครบวงจร", "End-to-End e-Service Development",
         ["service", "technologist"], "online", 12, [],
         "ลดขั้นตอน ลดสำเนาเอกสาร และเชื่อมโยงข้อมูลเพื่อบริการออนไลน์เบ็ดเสร็จ"),
        ("การปรับปรุงกระบวนงานก่อนทำเป็นดิจิทัล", "Process Redesign Before Digitisation",
         ["director", "service", "policy_academic"], "onsite", 12, ["project_management"],
         "วิเคราะห์กระบวนงานเดิม ตัดขั้นตอนที่ไม่จำเป็น และออกแบบกระบวนงานใหม่"),
        ("การรับฟังเสียงประชาชนผ่านช่องทางดิจิทัล", "Listening to Citizens Digitally",
         ["service", "other"], "online", 6, ["data"],
         "ออกแบบแบบสำรวจ วิเคราะห์ข้อร้องเรียน และนำความเห็นมาปรับปรุงบริการ"),
        ("ผู้บริหารกับการยกระดับบริการภาครัฐสู่ดิจิทัล", "Leading Digital Public Services",
         ["executive", "director"], "onsite", 6, ["leadership"],
         "ตั้งเป้าหมายบริการดิจิทัล วัดผลความพึงพอใจ และขับเคลื่อนหน่วยงานสู่บริการไร้กระดาษ"),
        ("การเขียนเนื้อหาเว็บไซต์ภาครัฐให้เข้าใจง่าย", "Plain Language for Government Websites",
         ["service", "other", "policy_academic"], "online", 3, ["digital_literacy"],
         "เขียนข้อความบริการให้ประชาชนเข้าใจง่าย จัดโครงสร้างเนื้อหา และใช้ภาษาที่เป็นมิตร"),
        ("การออกแบบแชตบอตบริการประชาชนบน LINE", "Designing Citizen Chatbots on LINE",
         ["service", "technologist"], "hybrid", 12, ["ai"],
         "ออกแบบบทสนทนา เมนูริชเมนู และการส่งต่อเจ้าหน้าที่เมื่อแชตบอตตอบไม่ได้"),
        ("การออกแบบบริการที่ทุกคนเข้าถึงได้ (Accessibility)", "Accessible Digital Services",
         ["technologist", "service"], "online", 6, [],
         "มาตรฐานการเข้าถึงเว็บ การออกแบบสำหรับผู้สูงอายุและผู้พิการ และการทดสอบการเข้าถึง"),
        ("การวัดผลและปรับปรุงบริการดิจิทัลด้วยข้อมูลการใช้งาน", "Measuring Digital Services with Usage Data",
         ["service", "policy_academic"], "online", 6, ["data"],
         "ตั้งตัวชี้วัดบริการ อ่านสถิติการใช้งานเว็บไซต์ และทดสอบ A/B"),
    ],
    "project_management": [
        ("การบริหารโครงการดิจิทัลภาครัฐ", "Managing Government Digital Projects",
         ["director", "technologist", "policy_academic"], "onsite", 18, [],
         "วางแผน ติดตามความก้าวหน้า บริหารความเสี่ยง และส่งมอบโครงการดิจิทัลให้สำเร็จ"),
        ("Agile และ Scrum สำหรับหน่วยงานรัฐ", "Agile and Scrum for Government",
         ["technologist", "director"], "hybrid", 12, [],
         "ทำงานเป็นรอบสั้น จัดลำดับงานค้าง และประชุมสกรัมในบริบทราชการ"),
        ("การบริหารผู้รับจ้างและการตรวจรับงานระบบสารสนเทศ", "Managing IT Contractors and Acceptance",
         ["director", "technologist"], "onsite", 12, ["law_governance"],
         "ควบคุมงานจ้าง ตรวจรับตามขอบเขตงาน และจัดการการเปลี่ยนแปลงความต้องการ"),
        ("การประเมินความคุ้มค่าโครงการดิจิทัล", "Evaluating the Value of Digital Projects",
         ["executive", "director", "policy_academic"], "online", 6, ["data"],
         "ตัวชี้วัดผลลัพธ์ การวิเคราะห์ต้นทุนและผลประโยชน์ และการรายงานผลต่อผู้บริหาร"),
        ("เครื่องมือบริหารงานและติดตามโครงการออนไลน์", "Online Project Tracking Tools",
         ["other", "service", "policy_academic"], "online", 6, ["digital_literacy"],
         "ใช้ Kanban และเครื่องมือออนไลน์ติดตามงานของทีมอย่างเป็นระบบ"),
        ("การจัดทำแผนปฏิบัติการดิจิทัลของหน่วยงาน", "Drafting an Agency Digital Action Plan",
         ["policy_academic", "director"], "onsite", 12, ["leadership"],
         "เชื่อมแผนดิจิทัลของหน่วยงานกับแผนระดับชาติ กำหนดโครงการ และตัวชี้วัด"),
        ("Product Owner สำหรับระบบบริการภาครัฐ", "Product Ownership for Public Services",
         ["technologist", "service", "director"], "hybrid", 18, ["service_design"],
         "กำหนดวิสัยทัศน์ผลิตภัณฑ์ เขียน user story และตัดสินใจบนข้อมูลผู้ใช้"),
        ("การบริหารความเสี่ยงโครงการเทคโนโลยีสารสนเทศ", "IT Project Risk Management",
         ["technologist", "director"], "online", 6, [],
         "ระบุ ประเมิน และจัดการความเสี่ยงตลอดวงจรโครงการไอที"),
        ("การเขียนข้อเสนอโครงการดิจิทัลเพื่อขอรับงบประมาณ", "Writing Digital Project Proposals",
         ["policy_academic", "director"], "onsite", 12, [],
         "เขียนหลักการและเหตุผล ตัวชี้วัด และแผนการใช้งบประมาณของโครงการดิจิทัล"),
        ("การบริหารโครงการแบบผสมผสาน Waterfall และ Agile", "Hybrid Waterfall and Agile Delivery",
         ["technologist", "director"], "online", 12, [],
         "ผสานการวางแผนตามสัญญาจ้างเข้ากับการทำงานแบบอไจล์ในโครงการภาครัฐ"),
    ],
    "leadership": [
        ("ผู้นำดิจิทัลภาครัฐ (Digital Leadership)", "Digital Leadership in Government",
         ["executive", "director"], "onsite", 30, [],
         "วิสัยทัศน์ดิจิทัล การนำการเปลี่ยนแปลง และการสร้างทีมดิจิทัลในองค์กร"),
        ("การเปลี่ยนผ่านสู่องค์กรดิจิทัล (Digital Transformation)", "Digital Transformation of Agencies",
         ["executive", "director", "policy_academic"], "hybrid", 18, [],
         "ประเมินความพร้อมองค์กร จัดทำแผนที่นำทาง และขับเคลื่อนการเปลี่ยนผ่านสู่ดิจิทัล"),
        ("นวัตกรรมภาครัฐและการทดลองเชิงนโยบาย", "Public Sector Innovation and Policy Experiments",
         ["policy_academic", "director"], "onsite", 12, ["service_design"],
         "สร้างพื้นที่ทดลอง ออกแบบการทดลองนโยบาย และขยายผลนวัตกรรม"),
        ("การบริหารการเปลี่ยนแปลงในยุคดิจิทัล", "Change Management in the Digital Age",
         ["director", "executive"], "online", 6, [],
         "จัดการแรงต้าน สื่อสารการเปลี่ยนแปลง และสร้างแรงจูงใจให้บุคลากร"),
        ("ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ภาครัฐ", "Government CIO Programme",
         ["executive"], "onsite", 36, ["project_management", "cybersecurity"],
         "บทบาท CIO การกำกับการลงทุนด้านไอที และการบริหารความมั่นคงปลอดภัยระดับองค์กร"),
        ("การสร้างวัฒนธรรมดิจิทัลในองค์กร", "Building a Digital Culture",
         ["director", "policy_academic", "other"], "online", 6, [],
         "ค่านิยมดิจิทัล การเรียนรู้อย่างต่อเนื่อง และการยอมรับความผิดพลาดเพื่อการพัฒนา"),
        ("กลยุทธ์ดิจิทัลสำหรับผู้อำนวยการกอง", "Digital Strategy for Division Directors",
         ["director"], "onsite", 12, ["project_management"],
         "แปลงนโยบายดิจิทัลเป็นแผนงานของกอง จัดสรรทรัพยากร และติดตามผล"),
        ("ภาวะผู้นำดิจิทัลสำหรับหัวหน้างานรุ่นใหม่", "Digital Leadership for New Supervisors",
         ["other", "service", "policy_academic"], "hybrid", 12, [],
         "นำทีมแบบผสมผสานออนไลน์และออฟไลน์ มอบหมายงานด้วยเครื่องมือดิจิทัล และโค้ชทีม"),
        ("การบริหารคนเก่งด้านดิจิทัลในภาครัฐ", "Managing Digital Talent in Government",
         ["executive", "director"], "onsite", 12, [],
         "สรรหา พัฒนา และรักษาบุคลากรดิจิทัล พร้อมเส้นทางความก้าวหน้าในสายงาน"),
        ("นวัตกรรมบริการภาครัฐจากแนวคิดสู่การใช้งานจริง", "Public Innovation from Idea to Service",
         ["policy_academic", "service", "other"], "online", 6, ["service_design"],
         "ค้นหาโจทย์ สร้างต้นแบบอย่างรวดเร็ว และขยายผลนวัตกรรมในหน่วยงาน"),
    ],
    "programming": [
        ("การเขียนโปรแกรม Python เบื้องต้นสำหรับงานราชการ", "Python Programming for Government Work",
         ["technologist", "policy_academic", "other"], "online", 24, [],
         "พื้นฐานภาษา Python การอ่านเขียนไฟล์ Excel และการทำงานอัตโนมัติ"),
        ("การพัฒนาเว็บแอปพลิเคชันภาครัฐ", "Government Web Application Development",
         ["technologist"], "hybrid", 30, ["service_design"],
         "HTML CSS JavaScript และการพัฒนาเว็บแอปพลิเคชันที่เข้าถึงได้"),
        ("Low-code/No-code สร้างแอปใช้เองในหน่วยงาน", "Low-Code Apps for Agencies",
         ["other", "service", "policy_academic"], "online", 12, ["digital_literacy"],
         "สร้างแอปพลิเคชันและแบบฟอร์มอัตโนมัติโดยไม่ต้องเขียนโค้ดมาก"),
        ("การพัฒนา API และการเชื่อมโยงข้อมูลระหว่างหน่วยงาน", "APIs and Data Exchange Between Agencies",
         ["technologist"], "onsite", 24, ["data", "law_governance"],
         "ออกแบบ REST API มาตรฐานการแลกเปลี่ยนข้อมูล และความปลอดภัยของ API"),
        ("การทำงานอัตโนมัติด้วย Python (Automation)", "Office Automation with Python",
         ["technologist", "other"], "hybrid", 18, ["digital_literacy"],
         "ทำรายงานอัตโนมัติ ดึงข้อมูลจากเว็บ และส่งอีเมลด้วยสคริปต์"),
        ("การทดสอบซอฟต์แวร์และการประกันคุณภาพ", "Software Testing and Quality Assurance",
         ["technologist"], "online", 18, ["project_management"],
         "เขียนชุดทดสอบ การทดสอบอัตโนมัติ และการตรวจรับคุณภาพซอฟต์แวร์"),
        ("การพัฒนาแอปพลิเคชันบนมือถือสำหรับบริการประชาชน", "Mobile Apps for Public Services",
         ["technologist"], "onsite", 30, ["service_design"],
         "ออกแบบและพัฒนาแอปมือถือ เชื่อมต่อ API และเผยแพร่บนร้านแอป"),
        ("Git และการทำงานร่วมกันของทีมพัฒนา", "Git and Team Collaboration for Developers",
         ["technologist"], "online", 6, [],
         "ควบคุมเวอร์ชันโค้ด แตกกิ่งงาน รีวิวโค้ด และทำงานร่วมกันอย่างเป็นระบบ"),
        ("การพัฒนาระบบด้วยภาษา JavaScript สมัยใหม่", "Modern JavaScript Development",
         ["technologist"], "hybrid", 24, [],
         "ภาษา JavaScript สมัยใหม่ เฟรมเวิร์กหน้าเว็บ และการเชื่อมต่อ API ของหน่วยงาน"),
        ("การเขียนโปรแกรมเบื้องต้นสำหรับผู้ไม่เคยเขียนโค้ด", "Coding for Absolute Beginners",
         ["other", "service", "policy_academic"], "online", 12, ["digital_literacy"],
         "แนวคิดการเขียนโปรแกรม ตรรกะ และการแก้ปัญหาด้วยโค้ดผ่านแบบฝึกหัดง่าย ๆ"),
    ],
}

PROVINCES = [
    "กรุงเทพมหานคร", "กรุงเทพมหานคร", "กรุงเทพมหานคร", "นนทบุรี", "เชียงใหม่", "ขอนแก่น", "นครราชสีมา",
    "สงขลา", "ภูเก็ต", "พิษณุโลก", "อุบลราชธานี", "ชลบุรี", "นครศรีธรรมราช", "อุดรธานี", "สุราษฎร์ธานี",
]
VENUES = ["ห้องประชุมใหญ่ ชั้น 3", "ห้องปฏิบัติการคอมพิวเตอร์ 2", "โรงแรมในตัวเมือง (แจ้งรายละเอียดทางอีเมล)",
          "ศูนย์ราชการ อาคาร B", "ห้องอบรม 401"]

# (name, short name, ministry, aliases)
AGENCIES: list[tuple[str, str, str, list[str]]] = [
    ("กรมการปกครอง", "ปค.", "กระทรวงมหาดไทย", ["กรมปกครอง", "ปกครอง"]),
    ("กรมส่งเสริมการปกครองท้องถิ่น", "สถ.", "กระทรวงมหาดไทย", ["ท้องถิ่น", "กรมท้องถิ่น"]),
    ("กรมการพัฒนาชุมชน", "พช.", "กระทรวงมหาดไทย", ["พัฒนาชุมชน"]),
    ("กรมป้องกันและบรรเทาสาธารณภัย", "ปภ.", "กระทรวงมหาดไทย", ["บรรเทาสาธารณภัย"]),
    ("กรมที่ดิน", "ทด.", "กระทรวงมหาดไทย", ["สำนักงานที่ดิน"]),
    ("กรมบัญชีกลาง", "บก.", "กระทรวงการคลัง", ["บัญชีกลาง"]),
    ("กรมสรรพากร", "สรรพากร", "กระทรวงการคลัง", ["สรรพากร", "revenue department"]),
    ("กรมศุลกากร", "ศุลกากร", "กระทรวงการคลัง", ["ศุลกากร"]),
    ("กรมสรรพสามิต", "สรรพสามิต", "กระทรวงการคลัง", ["สรรพสามิต"]),
    ("กรมควบคุมโรค", "คร.", "กระทรวงสาธารณสุข", ["ควบคุมโรค"]),
    ("กรมอนามัย", "อ.", "กระทรวงสาธารณสุข", ["อนามัย"]),
    ("สำนักงานปลัดกระทรวงสาธารณสุข", "สป.สธ.", "กระทรวงสาธารณสุข", ["สาธารณสุข", "สปสธ"]),
    ("กรมการจัดหางาน", "กกจ.", "กระทรวงแรงงาน", ["จัดหางาน"]),
    ("กรมพัฒนาฝีมือแรงงาน", "กพร.", "กระทรวงแรงงาน", ["พัฒนาฝีมือแรงงาน"]),
    ("กรมทางหลวง", "ทล.", "กระทรวงคมนาคม", ["ทางหลวง"]),
    ("กรมทางหลวงชนบท", "ทช.", "กระทรวงคมนาคม", ["ทางหลวงชนบท"]),
    ("กรมการขนส่งทางบก", "ขบ.", "กระทรวงคมนาคม", ["ขนส่งทางบก", "กรมขนส่ง"]),
    ("กรมอุตุนิยมวิทยา", "อต.", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", ["อุตุ", "กรมอุตุ"]),
    ("สำนักงานสถิติแห่งชาติ", "สสช.", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", ["สถิติแห่งชาติ"]),
    ("สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "สป.ดศ.", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
     ["กระทรวงดีอี", "ดีอี", "สปดศ"]),
    ("สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ", "สดช.", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
     ["onde", "สำนักงานดิจิทัลแห่งชาติ"]),
    ("สำนักงาน ก.พ.", "สนง.ก.พ.", "สำนักนายกรัฐมนตรี", ["กพ", "ก.พ.", "ocsc"]),
    ("สำนักงานคณะกรรมการพัฒนาระบบราชการ", "สำนักงาน ก.พ.ร.", "สำนักนายกรัฐมนตรี", ["กพร", "ก.พ.ร."]),
    ("กรมส่งเสริมการเกษตร", "กสก.", "กระทรวงเกษตรและสหกรณ์", ["ส่งเสริมการเกษตร", "เกษตรอำเภอ"]),
    ("กรมชลประทาน", "ชป.", "กระทรวงเกษตรและสหกรณ์", ["ชลประทาน"]),
    ("กรมปศุสัตว์", "ปศ.", "กระทรวงเกษตรและสหกรณ์", ["ปศุสัตว์"]),
    ("กรมประมง", "กป.", "กระทรวงเกษตรและสหกรณ์", ["ประมง"]),
    ("กรมการค้าภายใน", "คน.", "กระทรวงพาณิชย์", ["การค้าภายใน"]),
    ("กรมพัฒนาธุรกิจการค้า", "พค.", "กระทรวงพาณิชย์", ["พัฒนาธุรกิจการค้า", "dbd"]),
    ("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "สพฐ.", "กระทรวงศึกษาธิการ", ["สพฐ"]),
    ("กรมการท่องเที่ยว", "ทท.", "กระทรวงการท่องเที่ยวและกีฬา", ["การท่องเที่ยว"]),
    ("กรมสุขภาพจิต", "สจ.", "กระทรวงสาธารณสุข", ["สุขภาพจิต"]),
]


@dataclass(frozen=True)
class DemoSeedReport:
    courses: int
    sessions: int
    agencies: int
    trainer_username: str


async def seed_agencies() -> int:
    """Insert the demo agency list into an empty agency table. Returns how many were added."""
    if await Agency.exists():
        return 0
    await Agency.bulk_create([
        Agency(name=name, short_name=short, ministry=ministry, aliases="|".join(aliases))
        for name, short, ministry, aliases in AGENCIES
    ])
    return len(AGENCIES)


async def _demo_trainer() -> StaffUser:
    user = await StaffUser.get_or_none(username=DEMO_TRAINER_USERNAME)
    if user is None:
        provider = await Provider.get_or_none(name=PROVIDERS[0])
        if provider is None:
            provider = await Provider.create(name=PROVIDERS[0])
        info = await auth.create_staff_user(
            username=DEMO_TRAINER_USERNAME, role=Role.trainer, display_name="วิทยากรสาธิต (บัญชีตัวอย่าง)",
            provider_id=provider.id,
        )
        user = await StaffUser.get(id=info.id)
    return user


async def seed_demo_data(*, today: dt.date, seed: int = 2569) -> DemoSeedReport | None:
    """Fill an empty catalogue with the demo courses, sessions, agencies and the demo trainer.

    Does nothing (returns None) when any course exists, so it is safe on every start.
    """
    if await Course.exists():
        return None
    rng = random.Random(seed)
    agencies = await seed_agencies()
    trainer = await _demo_trainer()
    batch: list[tuple[CourseCreate, list[SessionCreate]]] = []
    for topic_index, (topic, ideas) in enumerate(COURSE_IDEAS.items()):
        for idea_index, (title_th, title_en, groups, modality, hours, extra, description) in enumerate(ideas):
            number = topic_index * 10 + idea_index + 1
            provider = PROVIDERS[(topic_index * 3 + idea_index) % len(PROVIDERS)]
            certified = today - dt.timedelta(days=rng.randint(30, 400))
            fee = Decimal(0) if rng.random() < 0.7 else Decimal(rng.choice([900, 1500, 2500, 3900, 4500]))
            skills = list(dict.fromkeys(SKILLS_BY_TOPIC[topic] + [s for t in extra for s in SKILLS_BY_TOPIC[t]]))
            course = CourseCreate(
                code=f"DEMO-{CODE_PREFIX[topic]}-{idea_index + 1:02d}", title_th=title_th, title_en=title_en,
                provider=provider, description=f"{description} {DEMO_NOTE}", topics=[topic, *extra],
                skill_areas=skills[:7], target_groups=groups, hours=Decimal(hours), modality=modality, fee=fee,
                certification_no=f"สดช.ตัวอย่าง {number:03d}/{certified.year + 543}",
                certified_on=certified, certification_expires=certified + dt.timedelta(days=730),
            )
            sessions = []
            for no in range(1, rng.choice([1, 2, 2, 3, 3, 4]) + 1):
                start = today + dt.timedelta(days=rng.randint(7, 180))
                days = max(1, min(5, hours // 6))
                online = modality == "online" or (modality == "hybrid" and rng.random() < 0.5)
                closes = start - dt.timedelta(days=rng.randint(1, 5))
                if rng.random() < 0.85:
                    opens = today - dt.timedelta(days=rng.randint(0, 20))
                else:  # a few open for registration later
                    opens = max(today + dt.timedelta(days=1), start - dt.timedelta(days=rng.randint(10, 30)))
                opens = min(opens, closes)
                sessions.append(SessionCreate(
                    no=no, start_date=start, end_date=start + dt.timedelta(days=days - 1),
                    province=None if online else rng.choice(PROVINCES), online=online,
                    venue="อบรมออนไลน์ผ่านระบบประชุมทางไกล" if online else rng.choice(VENUES),
                    capacity=rng.choice([20, 25, 30, 40, 50, 60, 100 if online else 35]),
                    registration_opens=opens, registration_closes=closes,
                    trainer_id=trainer.id if number % 4 == 1 else None,
                ))
            batch.append((course, sessions))
    course_count, session_count = await catalogue.insert_new_courses(batch, actor=DEMO_ACTOR)
    return DemoSeedReport(courses=course_count, sessions=session_count, agencies=agencies,
                          trainer_username=DEMO_TRAINER_USERNAME)
