{{ config(materialized='view') }}
{#- One row per activity from every source switched on, in the common shape of
    macro activity_columns; who it belongs to is left to customer_activities, which
    resolves record_id / fallback_record_id through the identity record map. -#}

{%- set parts = [] %}

with

{% if var('cdp_using_web', true) -%}
    {%- do parts.extend(['web_page_events', 'web_track_events']) %}
    web_pages as (

        select * from {{ ref('stg_web__pages') }}

    ),

    web_tracks as (

        select * from {{ ref('stg_web__tracks') }}

    ),

    web_page_events as (

        -- before login user_id is null: the page belongs to whoever the device is stitched to
        select
            {{ activity_select({
                'activity_id': "'web:page_viewed:' || web_pages.page_view_id",
                'activity_type': "'page_viewed'",
                'occurred_at': 'web_pages.viewed_at',
                'received_at': 'web_pages.received_at',
                'source_name': "'web'",
                'record_source_name': "case when web_pages.user_id is not null then 'shop_customers' end",
                'record_id': 'web_pages.user_id',
                'fallback_record_source_name': "case when web_pages.anonymous_id is not null then 'web_devices' end",
                'fallback_record_id': 'web_pages.anonymous_id',
                'anonymous_id': 'web_pages.anonymous_id',
                'channel': "coalesce(web_pages.device_type, 'web')",
                'campaign_id': 'web_pages.utm_campaign',
                'page_path': 'web_pages.page_path',
                'detail': 'web_pages.utm_source'
            }) }}
        from web_pages

    ),

    web_track_events as (

        select
            {{ activity_select({
                'activity_id': "'web:' || web_tracks.event_name || ':' || web_tracks.event_id",
                'activity_type': 'web_tracks.event_name',
                'occurred_at': 'web_tracks.occurred_at',
                'received_at': 'web_tracks.received_at',
                'source_name': "'web'",
                'record_source_name': "case when web_tracks.user_id is not null then 'shop_customers' end",
                'record_id': 'web_tracks.user_id',
                'fallback_record_source_name': "case when web_tracks.anonymous_id is not null then 'web_devices' end",
                'fallback_record_id': 'web_tracks.anonymous_id',
                'anonymous_id': 'web_tracks.anonymous_id',
                'amount': 'coalesce(web_tracks.revenue, web_tracks.unit_price * coalesce(web_tracks.quantity, 1))',
                'currency': 'web_tracks.currency',
                'product_id': 'web_tracks.product_id',
                'order_id': 'web_tracks.order_id',
                'quantity': 'web_tracks.quantity',
                'channel': "coalesce(web_tracks.device_type, 'web')",
                'detail': 'web_tracks.cart_id'
            }) }}
        from web_tracks
        where web_tracks.event_name is not null

    ),

{% endif -%}

{% if var('cdp_using_shop', true) -%}
    {%- do parts.extend(['shop_order_events', 'shop_cancellation_events', 'shop_signup_events']) %}
    shop_orders as (

        select * from {{ ref('stg_shop__orders') }}

    ),

    shop_customers as (

        select * from {{ ref('stg_shop__customers') }}

    ),

    shop_order_events as (

        -- every order, cancelled ones too (status 'cancelled'); revenue leaves those out
        select
            {{ activity_select({
                'activity_id': "'shop:order_placed:' || shop_orders.order_id",
                'activity_type': "'order_placed'",
                'occurred_at': 'shop_orders.ordered_at',
                'received_at': 'coalesce(shop_orders.updated_at, shop_orders.ordered_at)',
                'source_name': "'shop'",
                'record_source_name': "'shop_orders'",
                'record_id': 'shop_orders.order_id',
                'amount': 'shop_orders.total_amount',
                'currency': 'shop_orders.currency',
                'order_id': 'shop_orders.order_id',
                'channel': 'shop_orders.sales_channel',
                'status': "case when shop_orders.is_cancelled then 'cancelled' else shop_orders.financial_status end",
                'detail': 'shop_orders.order_number'
            }) }}
        from shop_orders

    ),

    shop_cancellation_events as (

        select
            {{ activity_select({
                'activity_id': "'shop:order_cancelled:' || shop_orders.order_id",
                'activity_type': "'order_cancelled'",
                'occurred_at': 'shop_orders.cancelled_at',
                'received_at': 'coalesce(shop_orders.updated_at, shop_orders.cancelled_at)',
                'source_name': "'shop'",
                'record_source_name': "'shop_orders'",
                'record_id': 'shop_orders.order_id',
                'amount': 'shop_orders.total_amount',
                'currency': 'shop_orders.currency',
                'order_id': 'shop_orders.order_id',
                'channel': 'shop_orders.sales_channel',
                'status': 'shop_orders.financial_status',
                'detail': 'shop_orders.order_number'
            }) }}
        from shop_orders
        where shop_orders.is_cancelled and shop_orders.cancelled_at is not null

    ),

    shop_signup_events as (

        select
            {{ activity_select({
                'activity_id': "'shop:account_created:' || shop_customers.customer_id",
                'activity_type': "'account_created'",
                'occurred_at': 'shop_customers.created_at',
                'received_at': 'coalesce(shop_customers.updated_at, shop_customers.created_at)',
                'source_name': "'shop'",
                'record_source_name': "'shop_customers'",
                'record_id': 'shop_customers.customer_id',
                'status': 'shop_customers.account_state'
            }) }}
        from shop_customers
        where shop_customers.created_at is not null

    ),

{% endif -%}

{% if var('cdp_using_payments', true) -%}
    {%- do parts.extend(['payment_events', 'refund_events']) %}
    payments_charges as (

        select * from {{ ref('stg_payments__charges') }}

    ),

    payments_refunds as (

        select * from {{ ref('stg_payments__refunds') }}

    ),

    payment_events as (

        -- the order's customer first (a charge pays for an order), else the payer
        select
            {{ activity_select({
                'activity_id': "'payments:charge:' || payments_charges.charge_id",
                'activity_type': "case when payments_charges.status = 'failed' then 'payment_failed' else 'payment_succeeded' end",
                'occurred_at': 'payments_charges.created_at',
                'received_at': 'payments_charges.created_at',
                'source_name': "'payments'",
                'record_source_name': "case when payments_charges.order_id is not null then 'shop_orders' end",
                'record_id': 'payments_charges.order_id',
                'fallback_record_source_name': "case when payments_charges.payments_customer_id is not null then 'payments_customers' end",
                'fallback_record_id': 'payments_charges.payments_customer_id',
                'amount': 'payments_charges.amount',
                'currency': 'payments_charges.currency',
                'order_id': 'payments_charges.order_id',
                'channel': 'payments_charges.card_brand',
                'status': 'payments_charges.status',
                'detail': 'payments_charges.failure_code'
            }) }}
        from payments_charges
        where payments_charges.status in ('succeeded', 'failed')

    ),

    refund_events as (

        select
            {{ activity_select({
                'activity_id': "'payments:refund:' || payments_refunds.refund_id",
                'activity_type': "'order_refunded'",
                'occurred_at': 'payments_refunds.created_at',
                'received_at': 'payments_refunds.created_at',
                'source_name': "'payments'",
                'record_source_name': "case when payments_charges.order_id is not null then 'shop_orders' end",
                'record_id': 'payments_charges.order_id',
                'fallback_record_source_name': "case when payments_charges.payments_customer_id is not null then 'payments_customers' end",
                'fallback_record_id': 'payments_charges.payments_customer_id',
                'amount': 'payments_refunds.amount',
                'currency': 'coalesce(payments_refunds.currency, payments_charges.currency)',
                'order_id': 'payments_charges.order_id',
                'status': 'payments_refunds.status',
                'detail': 'payments_refunds.reason'
            }) }}
        from payments_refunds
        left outer join payments_charges
            on payments_refunds.charge_id = payments_charges.charge_id
        where
            coalesce(payments_refunds.status, 'succeeded')
            not in ('failed', 'canceled', 'cancelled')

    ),

{% endif -%}

{% if var('cdp_using_support', true) -%}
    {%- do parts.extend(['ticket_opened_events', 'ticket_solved_events']) %}
    support_tickets as (

        select * from {{ ref('stg_support__tickets') }}

    ),

    ticket_opened_events as (

        -- status is the ticket's current status; updated_at brings it back in when it changes
        select
            {{ activity_select({
                'activity_id': "'support:ticket_opened:' || support_tickets.ticket_id",
                'activity_type': "'ticket_opened'",
                'occurred_at': 'support_tickets.created_at',
                'received_at': 'coalesce(support_tickets.updated_at, support_tickets.created_at)',
                'source_name': "'support'",
                'record_source_name': "'support_users'",
                'record_id': 'support_tickets.support_user_id',
                'channel': 'support_tickets.channel',
                'status': "case when support_tickets.is_open then 'open' else 'closed' end",
                'detail': 'support_tickets.priority'
            }) }}
        from support_tickets

    ),

    ticket_solved_events as (

        select
            {{ activity_select({
                'activity_id': "'support:ticket_solved:' || support_tickets.ticket_id",
                'activity_type': "'ticket_solved'",
                'occurred_at': 'support_tickets.solved_at',
                'received_at': 'coalesce(support_tickets.updated_at, support_tickets.solved_at)',
                'source_name': "'support'",
                'record_source_name': "'support_users'",
                'record_id': 'support_tickets.support_user_id',
                'channel': 'support_tickets.channel',
                'status': 'support_tickets.satisfaction_rating',
                'detail': 'support_tickets.priority'
            }) }}
        from support_tickets
        where support_tickets.solved_at is not null

    ),

{% endif -%}

{% if var('cdp_using_email', true) -%}
    {%- do parts.extend(['email_events']) %}
    email_subscribers as (

        select * from {{ ref('stg_email__subscribers') }}

    ),

    email_sends as (

        select * from {{ ref('stg_email__sends') }}

    ),

    email_opens as (

        select * from {{ ref('stg_email__opens') }}

    ),

    email_clicks as (

        select * from {{ ref('stg_email__clicks') }}

    ),

    email_unsubscribes as (

        select * from {{ ref('stg_email__unsubscribes') }}

    ),

    email_bounces as (

        select * from {{ ref('stg_email__bounces') }}

    ),

    subscriber_records as (

        -- engagement is keyed by address: the list member record (one per address) ties it
        -- to a person without keeping the address on the activity
        select
            email_subscribers.email,
            min(email_subscribers.subscriber_id) as subscriber_id
        from email_subscribers
        where email_subscribers.email is not null
        group by email_subscribers.email

    ),

    email_engagement as (

        select
            'email_sent' as activity_type,
            email_sends.send_id as event_id,
            email_sends.email,
            email_sends.campaign_id,
            email_sends.sent_at as occurred_at,
            email_sends.campaign_name as detail
        from email_sends

        union all

        select
            'email_opened' as activity_type,
            email_opens.open_id as event_id,
            email_opens.email,
            email_opens.campaign_id,
            email_opens.opened_at as occurred_at,
            cast(null as {{ dbt.type_string() }}) as detail
        from email_opens

        union all

        select
            'email_clicked' as activity_type,
            email_clicks.click_id as event_id,
            email_clicks.email,
            email_clicks.campaign_id,
            email_clicks.clicked_at as occurred_at,
            email_clicks.url as detail
        from email_clicks

        union all

        select
            'email_unsubscribed' as activity_type,
            email_unsubscribes.unsubscribe_id as event_id,
            email_unsubscribes.email,
            email_unsubscribes.campaign_id,
            email_unsubscribes.unsubscribed_at as occurred_at,
            email_unsubscribes.reason as detail
        from email_unsubscribes

        union all

        select
            'email_bounced' as activity_type,
            email_bounces.bounce_id as event_id,
            email_bounces.email,
            email_bounces.campaign_id,
            email_bounces.bounced_at as occurred_at,
            email_bounces.bounce_type as detail
        from email_bounces

    ),

    email_events as (

        select
            {{ activity_select({
                'activity_id': "'email:' || email_engagement.activity_type || ':' || email_engagement.event_id",
                'activity_type': 'email_engagement.activity_type',
                'occurred_at': 'email_engagement.occurred_at',
                'received_at': 'email_engagement.occurred_at',
                'source_name': "'email'",
                'record_source_name': "case when subscriber_records.subscriber_id is not null then 'email_subscribers' end",
                'record_id': 'subscriber_records.subscriber_id',
                'channel': "'email'",
                'campaign_id': 'email_engagement.campaign_id',
                'detail': 'email_engagement.detail'
            }) }}
        from email_engagement
        left outer join subscriber_records
            on email_engagement.email = subscriber_records.email

    ),

{% endif -%}

{% if var('cdp_using_pos', true) -%}
    {%- do parts.extend(['store_purchase_events']) %}
    pos_transactions as (

        select * from {{ ref('stg_pos__transactions') }}

    ),

    store_purchase_events as (

        -- a purchase without a loyalty card belongs to nobody we know
        select
            {{ activity_select({
                'activity_id': "'pos:store_purchase:' || pos_transactions.transaction_id",
                'activity_type': "'store_purchase'",
                'occurred_at': 'pos_transactions.transacted_at',
                'received_at': 'pos_transactions.transacted_at',
                'source_name': "'pos'",
                'record_source_name': "case when pos_transactions.loyalty_card_number is not null then 'pos_loyalty_members' end",
                'record_id': 'pos_transactions.loyalty_card_number',
                'amount': 'pos_transactions.total_amount',
                'currency': 'pos_transactions.currency',
                'order_id': 'pos_transactions.transaction_id',
                'quantity': 'pos_transactions.item_count',
                'channel': "'store'",
                'store_id': 'pos_transactions.store_id',
                'detail': 'pos_transactions.payment_method'
            }) }}
        from pos_transactions

    ),

{% endif -%}

no_events as (

    -- keeps the model valid (and typed) when every source is switched off
    select
        {{ activity_select({}) }}
    where 1 = 0

),

unioned as (

    {% for part in parts %}
        select * from {{ part }}
        union all
    {% endfor %}
    select * from no_events

),

final as (

    select unioned.*
    from unioned
    where unioned.occurred_at is not null

)

select * from final
