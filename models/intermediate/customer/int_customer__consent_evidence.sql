{#- One row per piece of consent evidence: a customer, purpose and channel, the state it
    shows (granted, withdrawn, not_granted, pending, undeliverable), the source field it
    comes from and when. Shop consent states, CRM opt-outs and opt-ins, email list status,
    unsubscribes and hard bounces; customer_consent keeps the latest per purpose. -#}

{%- set parts = [] %}

with

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

{% if var('cdp_using_shop', true) -%}
    {%- do parts.append('shop_evidence') %}
    shop_customers as (

        select * from {{ ref('stg_shop__customers') }}

    ),

    shop_evidence as (

        {% for channel, purpose in [('email', 'email_marketing'), ('sms', 'sms_marketing')] %}
            select
                'shop_customers' as record_source_name,
                shop_customers.customer_id as record_id,
                '{{ purpose }}' as purpose,
                '{{ channel }}' as channel,
                case shop_customers.{{ purpose }}_consent_state
                    when 'subscribed' then 'granted'
                    when 'unsubscribed' then 'withdrawn'
                    when 'not_subscribed' then 'not_granted'
                    when 'pending' then 'pending'
                end as consent_state,
                'shop_customers.{{ purpose }}_consent_state' as evidence,
                coalesce(
                    shop_customers.{{ purpose }}_consent_updated_at,
                    shop_customers.updated_at,
                    shop_customers.created_at
                ) as evidence_at
            from shop_customers
            where shop_customers.{{ purpose }}_consent_state is not null
            {{ 'union all' if not loop.last }}
        {% endfor %}

    ),

{% endif -%}

{% if var('cdp_using_crm', true) -%}
    {%- do parts.append('crm_evidence') %}
    crm_contacts as (

        select * from {{ ref('stg_crm__contacts') }}

    ),

    crm_evidence as (

        -- an opt-out is evidence; a contact that never opted out has not thereby opted in
        select
            'crm_contacts' as record_source_name,
            crm_contacts.contact_id as record_id,
            'email_marketing' as purpose,
            'email' as channel,
            'withdrawn' as consent_state,
            'crm_contacts.is_email_opted_out' as evidence,
            coalesce(crm_contacts.email_opted_out_at, crm_contacts.updated_at) as evidence_at
        from crm_contacts
        where crm_contacts.is_email_opted_out

        union all

        select
            'crm_contacts' as record_source_name,
            crm_contacts.contact_id as record_id,
            'sms_marketing' as purpose,
            'sms' as channel,
            'granted' as consent_state,
            'crm_contacts.is_sms_opted_in' as evidence,
            coalesce(crm_contacts.updated_at, crm_contacts.created_at) as evidence_at
        from crm_contacts
        where crm_contacts.is_sms_opted_in

    ),

{% endif -%}

{% if var('cdp_using_email', true) -%}
    {%- do parts.append('email_evidence') %}
    email_subscribers as (

        select * from {{ ref('stg_email__subscribers') }}

    ),

    email_unsubscribes as (

        select * from {{ ref('stg_email__unsubscribes') }}

    ),

    email_bounces as (

        select * from {{ ref('stg_email__bounces') }}

    ),

    subscriber_records as (

        -- unsubscribes and bounces are keyed by address; the list member record names the person
        select
            email_subscribers.email,
            min(email_subscribers.subscriber_id) as subscriber_id
        from email_subscribers
        where email_subscribers.email is not null
        group by email_subscribers.email

    ),

    email_evidence as (

        select
            'email_subscribers' as record_source_name,
            email_subscribers.subscriber_id as record_id,
            'email_marketing' as purpose,
            'email' as channel,
            case email_subscribers.status
                when 'subscribed' then 'granted'
                when 'unsubscribed' then 'withdrawn'
                when 'cleaned' then 'undeliverable'
                when 'pending' then 'pending'
            end as consent_state,
            'email_subscribers.status' as evidence,
            case
                when email_subscribers.status = 'subscribed'
                    then coalesce(email_subscribers.subscribed_at, email_subscribers.updated_at)
                else coalesce(email_subscribers.updated_at, email_subscribers.subscribed_at)
            end as evidence_at
        from email_subscribers
        where email_subscribers.status in ('subscribed', 'unsubscribed', 'cleaned', 'pending')

        union all

        select
            'email_subscribers' as record_source_name,
            subscriber_records.subscriber_id as record_id,
            'email_marketing' as purpose,
            'email' as channel,
            'withdrawn' as consent_state,
            'email_unsubscribes' as evidence,
            email_unsubscribes.unsubscribed_at as evidence_at
        from email_unsubscribes
        inner join subscriber_records
            on email_unsubscribes.email = subscriber_records.email

        union all

        select
            'email_subscribers' as record_source_name,
            subscriber_records.subscriber_id as record_id,
            'email_marketing' as purpose,
            'email' as channel,
            'undeliverable' as consent_state,
            'email_bounces.hard' as evidence,
            email_bounces.bounced_at as evidence_at
        from email_bounces
        inner join subscriber_records
            on email_bounces.email = subscriber_records.email
        where email_bounces.is_hard_bounce

    ),

{% endif -%}

no_evidence as (

    select
        cast(null as {{ dbt.type_string() }}) as record_source_name,
        cast(null as {{ dbt.type_string() }}) as record_id,
        cast(null as {{ dbt.type_string() }}) as purpose,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as consent_state,
        cast(null as {{ dbt.type_string() }}) as evidence,
        cast(null as timestamp) as evidence_at
    where 1 = 0

),

unioned as (

    {% for part in parts %}
        select * from {{ part }}
        union all
    {% endfor %}
    select * from no_evidence

),

final as (

    select
        record_map.customer_id,
        unioned.purpose,
        unioned.channel,
        unioned.consent_state,
        unioned.consent_state = 'granted' as is_granted,
        unioned.record_source_name as source_name,
        unioned.record_id,
        unioned.evidence,
        unioned.evidence_at
    from unioned
    inner join record_map
        on
            unioned.record_source_name = record_map.source_name
            and unioned.record_id = record_map.record_id
    where unioned.consent_state is not null

)

select * from final
